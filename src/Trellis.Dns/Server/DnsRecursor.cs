using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Trellis.Dns.Server;

/// <summary>
/// Forwards a query for a name outside the domain to the configured <c>recursors</c>, as is (same id, flags and
/// EDNS), and relays the first answer. <c>sequential</c> tries them in order, <c>random</c> in a random order; each
/// gets <c>recursor_timeout</c>. UDP queries go over UDP, TCP queries over TCP.
/// </summary>
/// <remarks>Thread-safe: every forward uses its own socket.</remarks>
public sealed class DnsRecursor
{
    private readonly IReadOnlyList<IPEndPoint> _upstreams;
    private readonly bool _random;
    private readonly TimeSpan _timeout;

    public DnsRecursor(DnsOptions options)
    {
        _upstreams = options.Recursors.Select(Parse).ToList();
        _random = string.Equals(options.RecursorStrategy, "random", StringComparison.OrdinalIgnoreCase);
        _timeout = options.RecursorTimeout;
    }

    /// <summary>Parses <c>host</c> or <c>host:port</c> (IPv6 as <c>[addr]:port</c>), port 53 by default.</summary>
    public static IPEndPoint Parse(string recursor)
    {
        if (IPEndPoint.TryParse(recursor, out var endpoint))
        {
            if (endpoint.Port == 0)
            {
                endpoint.Port = 53;
            }

            return endpoint;
        }

        throw new FormatException($"Invalid recursor address: {recursor}");
    }

    /// <summary>The upstream answer, or null when none answered in time.</summary>
    public async Task<byte[]?> ForwardAsync(ReadOnlyMemory<byte> query, bool udp, CancellationToken cancellationToken)
    {
        var order = _upstreams.ToArray();
        if (_random)
        {
            Random.Shared.Shuffle(order);
        }

        foreach (var upstream in order)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                var answer = udp ? await UdpAsync(upstream, query, timeout.Token) : await TcpAsync(upstream, query, timeout.Token);
                if (answer is not null)
                {
                    return answer;
                }
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // Next upstream.
            }
        }

        return null;
    }

    private static async Task<byte[]?> UdpAsync(IPEndPoint upstream, ReadOnlyMemory<byte> query, CancellationToken cancellationToken)
    {
        using var socket = new Socket(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(upstream, cancellationToken);
        await socket.SendAsync(query, SocketFlags.None, cancellationToken);
        var buffer = new byte[65535];
        var id = BinaryPrimitives.ReadUInt16BigEndian(query.Span);
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (received >= 12 && BinaryPrimitives.ReadUInt16BigEndian(buffer) == id)
            {
                return buffer.AsSpan(0, received).ToArray();
            }
        }
    }

    private static async Task<byte[]?> TcpAsync(IPEndPoint upstream, ReadOnlyMemory<byte> query, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(upstream.AddressFamily);
        await client.ConnectAsync(upstream, cancellationToken);
        var stream = client.GetStream();
        var prefix = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)query.Length);
        await stream.WriteAsync(prefix, cancellationToken);
        await stream.WriteAsync(query, cancellationToken);
        await stream.ReadExactlyAsync(prefix, cancellationToken);
        var answer = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(answer, cancellationToken);
        return answer;
    }
}
