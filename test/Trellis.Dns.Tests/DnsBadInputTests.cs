using ARSoft.Tools.Net.Dns;
using Trellis.Dns.Tests.Support;
using Trellis.Dns.Wire;

namespace Trellis.Dns.Tests;

public sealed class DnsBadInputTests : IClassFixture<DnsAgentFixture>
{
    private readonly DnsAgentFixture _agent;

    public DnsBadInputTests(DnsAgentFixture agent)
    {
        _agent = agent;
    }

    public static TheoryData<string, byte[], byte> Malformed => new()
    {
        { "two questions", Patch(DnsQuery.Build("web.service.consul", 1), 5, 2), DnsRcode.FormErr },
        { "no question", Patch(DnsQuery.Build("web.service.consul", 1), 5, 0), DnsRcode.FormErr },
        { "question cut short", DnsQuery.Build("web.service.consul", 1)[..20], DnsRcode.FormErr },
        { "trailing garbage", [.. DnsQuery.Build("web.service.consul", 1), 1, 2, 3], DnsRcode.FormErr },
        { "compression loop", Header([0xC0, 12, 0, 1, 0, 1]), DnsRcode.FormErr },
        { "forward pointer", Header([0xC0, 20, 0, 1, 0, 1, 0, 0]), DnsRcode.FormErr },
        { "reserved label type", Header([0x80, 1, 0, 0, 1, 0, 1]), DnsRcode.FormErr },
        { "label bomb (name over 255 bytes)", Header([.. Enumerable.Repeat<byte[]>([1, (byte)'a'], 200).SelectMany(b => b), 0, 0, 1, 0, 1]), DnsRcode.FormErr },
        { "label longer than the packet", Header([63, (byte)'a', 0, 0, 1, 0, 1]), DnsRcode.FormErr },
        { "answer records in a query", Patch(DnsQuery.Build("web.service.consul", 1), 7, 1), DnsRcode.FormErr },
        { "status opcode", Patch(DnsQuery.Build("web.service.consul", 1), 2, 0x11), DnsRcode.NotImp },
        { "chaos class", DnsQuery.Build("version.bind", 16, qclass: 3), DnsRcode.NotImp },
        { "zone transfer", DnsQuery.Build("consul", 252), DnsRcode.NotImp },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Udp_MalformedQuery_AnsweredWithErrorCode(string what, byte[] packet, byte rcode)
    {
        var raw = await DnsQuery.UdpRawAsync(_agent.Dns, packet);

        Assert.True(raw is not null, what);
        Assert.Equal(packet[0], raw![0]);
        Assert.Equal(packet[1], raw[1]);
        Assert.True((raw[2] & 0x80) != 0, "QR set");
        Assert.Equal(rcode, raw[3] & 0xF);
    }

    [Fact]
    public async Task Udp_TooShortOrResponse_DroppedAndServerKeepsAnswering()
    {
        var response = DnsQuery.Build("web.service.consul", 1);
        response[2] |= 0x80;

        Assert.Null(await DnsQuery.UdpRawAsync(_agent.Dns, [1, 2, 3]));
        Assert.Null(await DnsQuery.UdpRawAsync(_agent.Dns, response));
        var ok = await DnsQuery.UdpAsync(_agent.Dns, "web.service.consul", RecordType.A);
        Assert.Equal(ReturnCode.NoError, ok.ReturnCode);
    }

    [Fact]
    public async Task Tcp_MalformedQuery_FormErrAndConnectionUsable()
    {
        var answer = await DnsQuery.TcpRawAsync(_agent.Dns, Header([0xC0, 12, 0, 1, 0, 1]));

        Assert.Equal(DnsRcode.FormErr, answer[3] & 0xF);
    }

    [Fact]
    public async Task UnknownType_InDomain_NoDataNotError()
    {
        var raw = await DnsQuery.UdpRawAsync(_agent.Dns, DnsQuery.Build("web.service.consul", 65000));
        var answer = DnsMessage.Parse(new ArraySegment<byte>(raw!));

        Assert.Equal(ReturnCode.NoError, answer.ReturnCode);
        Assert.Empty(answer.AnswerRecords);
        Assert.Single(answer.AuthorityRecords);
    }

    [Fact]
    public async Task Fuzz_RandomAndMutatedPackets_NeverThrowHangOrAnswerGarbage()
    {
        await using var server = _agent.StartServer(new DnsOptions());
        var handler = server.Handler;
        var random = new Random(4242);
        var seeds = new[]
        {
            DnsQuery.Build("web.service.consul", 33, edns: 1232),
            DnsQuery.Build("n1.node.consul", 255),
            DnsQuery.Build("1.0.0.10.in-addr.arpa", 12),
            DnsQuery.Build("_web._tcp.service.consul", 33),
            DnsQuery.Build("big.service.consul", 1),
        };
        for (var i = 0; i < 4000; i++)
        {
            byte[] packet;
            if (i % 4 == 0)
            {
                packet = new byte[random.Next(0, 600)];
                random.NextBytes(packet);
                if (packet.Length > 2)
                {
                    packet[2] &= 0x7F;
                }
            }
            else
            {
                packet = (byte[])seeds[random.Next(seeds.Length)].Clone();
                var flips = random.Next(1, 6);
                for (var f = 0; f < flips; f++)
                {
                    switch (random.Next(3))
                    {
                        case 0:
                            packet[random.Next(packet.Length)] = (byte)random.Next(256);
                            break;
                        case 1:
                            packet = packet[..random.Next(packet.Length)];
                            break;
                        default:
                            var extra = new byte[random.Next(1, 40)];
                            random.NextBytes(extra);
                            packet = [.. packet, .. extra];
                            break;
                    }

                    if (packet.Length == 0)
                    {
                        break;
                    }
                }
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var answer = await handler.HandleAsync(packet, udp: i % 2 == 0, timeout.Token).WaitAsync(TimeSpan.FromSeconds(10));
            if (answer is null)
            {
                continue;
            }

            Assert.True(answer.Length >= 12);
            Assert.True(answer.Length <= (i % 2 == 0 ? 65507 : 65535));
            Assert.Equal(packet[0], answer[0]);
            Assert.Equal(packet[1], answer[1]);
            Assert.True((answer[2] & 0x80) != 0);
            // A real parser reads every answer we send.
            DnsMessage.Parse(new ArraySegment<byte>(answer));
        }

        var still = await DnsQuery.UdpAsync(server.LocalEndpoint, "web.service.consul", RecordType.A);
        Assert.Equal(2, still.AnswerRecords.Count);
    }

    [Fact]
    public async Task Fuzz_RandomDatagramsOverTheSocket_ServerStillAnswers()
    {
        var random = new Random(7);
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        await socket.ConnectAsync(_agent.Dns);
        for (var i = 0; i < 500; i++)
        {
            var packet = new byte[random.Next(1, 1500)];
            random.NextBytes(packet);
            await socket.SendAsync(packet, System.Net.Sockets.SocketFlags.None);
        }

        // UDP is lossy (the burst may overflow the socket buffer): like a resolver, ask a few times.
        byte[]? raw = null;
        for (var attempt = 0; attempt < 5 && raw is null; attempt++)
        {
            raw = await DnsQuery.UdpRawAsync(_agent.Dns, DnsQuery.Build("n1.node.consul", (ushort)RecordType.A));
        }

        Assert.NotNull(raw);
        Assert.Equal(ReturnCode.NoError, DnsMessage.Parse(new ArraySegment<byte>(raw)).ReturnCode);
    }

    private static byte[] Header(byte[] question) => [0xAB, 0xCD, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, .. question];

    private static byte[] Patch(byte[] packet, int offset, byte value)
    {
        var copy = (byte[])packet.Clone();
        copy[offset] = value;
        return copy;
    }
}
