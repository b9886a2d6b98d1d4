using System.Net.Sockets;
using Trellis.Core.Checks;

namespace Trellis.Agent.Checks;

/// <summary>
/// <c>udp</c>: sends an empty datagram to "host:port" and waits up to the timeout for an answer. Consul's semantics:
/// an answer or silence (timeout) is passing; an error — in practice the ICMP "port unreachable" that a closed port
/// answers with, seen as "connection refused" — is critical.
/// </summary>
/// <remarks>See <see cref="IntervalCheckRunner"/>.</remarks>
internal sealed class UdpCheckRunner(
    string checkId, string address, TimeSpan interval, TimeSpan timeout, ICheckStatusSink sink, bool stagger)
    : IntervalCheckRunner(checkId, "udp", interval, timeout, sink, stagger)
{
    protected override async Task<CheckResult> CheckOnceAsync(CancellationToken cancellationToken)
    {
        var success = new CheckResult(HealthStatus.Passing, $"UDP connect {address}: Success");
        if (!HostPort.TryParse(address, out var target))
        {
            return new CheckResult(HealthStatus.Critical, $"dial udp {address}: address {address}: missing port in address");
        }

        using var socket = new Socket(SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return new CheckResult(HealthStatus.Critical, CheckTls.DialError("udp", address, ex));
        }

        var local = socket.LocalEndPoint?.ToString() ?? "";
        try
        {
            // Consul compat: the datagram is empty (Consul's UDP check sends its empty Message).
            await socket.SendAsync(ReadOnlyMemory<byte>.Empty, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var reply = new byte[1];
            await socket.ReceiveAsync(reply, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            return success;
        }
        catch (OperationCanceledException)
        {
            // Silence until the timeout counts as success (UDP has no handshake). On stop the result is dropped.
            return success;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            return new CheckResult(HealthStatus.Critical, $"read udp {local}->{target}: read: connection refused");
        }
        catch (SocketException ex)
        {
            return new CheckResult(HealthStatus.Critical, $"udp {address}: {ex.Message}");
        }
    }
}
