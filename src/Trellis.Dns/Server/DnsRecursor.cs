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

    /// <summary>
    /// Looks <paramref name="name"/> up at the recursors (a fresh query with RD set) and returns the A/AAAA records of
    /// the answer (empty when none answered or the answer has none). Used to follow a service's hostname CNAME.
    /// </summary>
    public async Task<IReadOnlyList<ARSoft.Tools.Net.Dns.DnsRecordBase>> LookupAddressesAsync(string name, ushort type, CancellationToken cancellationToken)
    {
        var query = new List<byte> { (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                return [];
            }

            query.Add((byte)label.Length);
            query.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }

        query.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        var answer = await ForwardAsync(query.ToArray(), udp: true, cancellationToken);
        if (answer is null)
        {
            return [];
        }

        try
        {
            var message = ARSoft.Tools.Net.Dns.DnsMessage.Parse(new ArraySegment<byte>(answer));
            return [.. message.AnswerRecords.Where(r => r is ARSoft.Tools.Net.Dns.ARecord or ARSoft.Tools.Net.Dns.AaaaRecord)];
        }
        catch (Exception)
        {
            // An upstream answer we cannot read: the CNAME stands alone.
            return [];
        }
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
