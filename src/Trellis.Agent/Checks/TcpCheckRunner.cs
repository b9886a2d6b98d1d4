using System.Net.Security;
using System.Net.Sockets;
using Trellis.Core.Checks;

namespace Trellis.Agent.Checks;

/// <summary>
/// <c>tcp</c>: passing when a connection to "host:port" opens within the timeout (and, with <c>tcp_use_tls</c>, a TLS
/// handshake completes), critical otherwise.
/// </summary>
/// <remarks>See <see cref="IntervalCheckRunner"/>.</remarks>
internal sealed class TcpCheckRunner(
    string checkId, CheckDefinition definition, TimeSpan interval, TimeSpan timeout, ICheckStatusSink sink, bool stagger)
    : IntervalCheckRunner(checkId, "tcp", interval, timeout, sink, stagger)
{
    private readonly string address = definition.TCP!;

    protected override async Task<CheckResult> CheckOnceAsync(CancellationToken cancellationToken)
    {
        if (!HostPort.TryParse(address, out var target))
        {
            return new CheckResult(HealthStatus.Critical, $"dial tcp {address}: address {address}: missing port in address");
        }

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return new CheckResult(HealthStatus.Critical, CheckTls.DialError("tcp", address, ex));
        }

        if (!definition.TCPUseTLS)
        {
            return new CheckResult(HealthStatus.Passing, $"TCP connect {address}: Success");
        }

        await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: false));
        try
        {
            await stream.AuthenticateAsClientAsync(
                CheckTls.ClientOptions(target.Host, definition.TLSServerName, definition.TLSSkipVerify), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new CheckResult(HealthStatus.Critical, $"tls: {ex.Message}");
        }

        return new CheckResult(HealthStatus.Passing, $"TCP+TLS connect {address}: Success");
    }
}
