using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ARSoft.Tools.Net.Dns;

namespace Trellis.Dns.Tests.Support;

/// <summary>Builds query packets by hand and sends them over real UDP/TCP sockets; answers are parsed with ARSoft.</summary>
public static class DnsQuery
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static byte[] Build(string name, ushort type, ushort? edns = null, ushort id = 0x1234, ushort qclass = 1)
    {
        var bytes = new List<byte>();
        void U16(ushort v) { bytes.Add((byte)(v >> 8)); bytes.Add((byte)v); }
        U16(id);
        U16(0x0100);
        U16(1);
        U16(0);
        U16(0);
        U16((ushort)(edns is null ? 0 : 1));
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        U16(type);
        U16(qclass);
        if (edns is { } size)
        {
            bytes.Add(0);
            U16(41);
            U16(size);
            U16(0);
            U16(0);
            U16(0);
        }

        return [.. bytes];
    }

    public static async Task<byte[]?> UdpRawAsync(IPEndPoint server, byte[] packet)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server);
        await socket.SendAsync(packet, SocketFlags.None);
        var buffer = new byte[65535];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return buffer[..n];
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public static async Task<byte[]> TcpRawAsync(IPEndPoint server, byte[] packet)
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(server, cts.Token);
        var stream = client.GetStream();
        var prefix = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)packet.Length);
        await stream.WriteAsync(prefix, cts.Token);
        await stream.WriteAsync(packet, cts.Token);
        await stream.ReadExactlyAsync(prefix, cts.Token);
        var answer = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(answer, cts.Token);
        return answer;
    }

    public static async Task<DnsMessage> UdpAsync(IPEndPoint server, string name, RecordType type, ushort? edns = null)
    {
        var raw = await UdpRawAsync(server, Build(name, (ushort)type, edns)) ?? throw new TimeoutException("No UDP answer for " + name);
        return DnsMessage.Parse(new ArraySegment<byte>(raw));
    }

    public static async Task<DnsMessage> TcpAsync(IPEndPoint server, string name, RecordType type) =>
        DnsMessage.Parse(new ArraySegment<byte>(await TcpRawAsync(server, Build(name, (ushort)type))));
}
