using System.Net.Security;
using System.Net.Sockets;
using Trellis.Core.Checks;

namespace Trellis.Agent.Checks;

/// <summary>
/// <c>h2ping</c>: opens an HTTP/2 connection to "host:port" (TLS with ALPN h2 unless <c>h2ping_use_tls</c> is false,
/// then cleartext with prior knowledge), sends a PING frame and is passing when the ACK arrives in time.
/// </summary>
/// <remarks>See <see cref="IntervalCheckRunner"/>.</remarks>
internal sealed class H2PingCheckRunner(
    string checkId, CheckDefinition definition, TimeSpan interval, TimeSpan timeout, ICheckStatusSink sink, bool stagger)
    : IntervalCheckRunner(checkId, "h2ping", interval, timeout, sink, stagger)
{
    private readonly string address = definition.H2PING!;

    protected override async Task<CheckResult> CheckOnceAsync(CancellationToken cancellationToken)
    {
        if (!HostPort.TryParse(address, out var target))
        {
            return Critical($"Failed to dial to {address}: address {address}: missing port in address");
        }

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, cancellationToken).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (definition.H2PingUseTLS)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(
                    CheckTls.ClientOptions(target.Host, definition.TLSServerName, definition.TLSSkipVerify, SslApplicationProtocol.Http2),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return Critical($"Failed to dial to {address}: {(ex is SocketException ? CheckTls.DialError("tcp", address, ex) : ex.Message)}");
        }

        await using (stream)
        {
            try
            {
                await Http2Ping.PingAsync(stream, cancellationToken).ConfigureAwait(false);
                return new CheckResult(HealthStatus.Passing, "HTTP2 ping was successful");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Critical("HTTP2 ping failed: context deadline exceeded");
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                return Critical($"HTTP2 ping failed: {(ex is EndOfStreamException ? "EOF" : ex.Message)}");
            }
        }
    }

    private static CheckResult Critical(string output) => new(HealthStatus.Critical, output);
}
