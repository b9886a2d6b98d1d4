using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net.Dns;
using Trellis.Dns.Tests.Support;

namespace Trellis.Dns.Tests;

/// <summary>
/// Many queries in flight at once from several client sockets, so the batched Linux loop (recvmmsg/sendmmsg) gets
/// more than one datagram per call: every answer must reach the socket that asked, carry that query's id and answer
/// that query's name. The one-datagram-per-call loop must behave the same.
/// </summary>
public sealed class DnsUdpBurstTests : IClassFixture<DnsAgentFixture>
{
    private const int Clients = 6;
    // 120 datagrams in flight: several per batched receive, yet well inside the kernel's default UDP receive buffer
    // (212,992 bytes, ~770 bytes of accounting per small datagram) even if the kernel hashes most clients to one socket.
    private const int QueriesPerClient = 20;
    private static readonly string[] Nodes = ["n1", "n2", "n3"];
    private readonly DnsAgentFixture _agent;

    public DnsUdpBurstTests(DnsAgentFixture agent)
    {
        _agent = agent;
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task Burst_FromManySockets_EveryAnswerReturnsToItsSenderWithItsIdAndName(bool batched, bool ipv6)
    {
        var address = ipv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        await using var server = _agent.StartServer(new DnsOptions(), address: address, batchedUdp: batched);
        var clients = Enumerable.Range(0, Clients).Select(_ => new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp)).ToList();
        try
        {
            foreach (var client in clients)
            {
                client.Bind(new IPEndPoint(address, 0));
            }

            // Everything is sent before anything is read: the server's socket queues hold many datagrams at once.
            for (var q = 0; q < QueriesPerClient; q++)
            {
                for (var c = 0; c < clients.Count; c++)
                {
                    var id = (ushort)((c * 1000) + q);
                    var packet = DnsQuery.Build($"{Nodes[q % Nodes.Length]}.node.consul", (ushort)RecordType.A, id: id);
                    await clients[c].SendToAsync(packet, SocketFlags.None, server.LocalEndpoint);
                }
            }

            for (var c = 0; c < clients.Count; c++)
            {
                var expected = Enumerable.Range(0, QueriesPerClient).Select(q => (ushort)((c * 1000) + q)).ToHashSet();
                var seen = new HashSet<ushort>();
                var buffer = new byte[65535];
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                while (seen.Count < QueriesPerClient)
                {
                    var length = await clients[c].ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                    var id = BinaryPrimitives.ReadUInt16BigEndian(buffer);
                    Assert.Contains(id, expected);
                    Assert.True(seen.Add(id), $"answer {id} arrived twice");

                    var answer = DnsMessage.Parse(buffer[..length]);
                    var node = Nodes[(id % 1000) % Nodes.Length];
                    Assert.Equal(ReturnCode.NoError, answer.ReturnCode);
                    Assert.Equal($"{node}.node.consul.", answer.Questions.Single().Name.ToString(), ignoreCase: true);
                    var record = Assert.IsType<ARecord>(Assert.Single(answer.AnswerRecords));
                    Assert.Equal(IPAddress.Parse($"10.0.0.{node[1]}"), record.Address);
                }
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Dispose_BatchedLoopsIdle_StopsPromptlyAndFreesThePort()
    {
        var server = _agent.StartServer(new DnsOptions(), batchedUdp: true);
        var endpoint = server.LocalEndpoint;
        var answer = await DnsQuery.UdpAsync(endpoint, "n1.node.consul", RecordType.A);
        Assert.Equal(ReturnCode.NoError, answer.ReturnCode);

        var stopping = server.DisposeAsync().AsTask();
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10))));

        // Every loop let go of its socket: the port can be bound again without SO_REUSEPORT.
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        again.Bind(endpoint);
    }
}
