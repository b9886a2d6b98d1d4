using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net.Dns;
using Trellis.Dns.Tests.Support;

namespace Trellis.Dns.Tests;

public sealed class DnsListenerTests : IClassFixture<DnsAgentFixture>
{
    private readonly DnsAgentFixture _agent;

    public DnsListenerTests(DnsAgentFixture agent)
    {
        _agent = agent;
    }

    [Fact]
    public async Task Start_OnLinux_BindsOneUdpSocketPerCoreAndAnswersFromManySourcePorts()
    {
        await using var server = _agent.StartServer(new DnsOptions());

        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(Math.Clamp(Environment.ProcessorCount, 2, 8), server.UdpSocketCount);
        }
        else
        {
            Assert.True(server.UdpSocketCount >= 1);
        }

        // Each query from its own client socket (own source port) so the kernel spreads them over the sockets.
        for (var i = 0; i < 40; i++)
        {
            var answer = await DnsQuery.UdpAsync(server.LocalEndpoint, "web.service.consul", RecordType.A);
            Assert.Equal(ReturnCode.NoError, answer.ReturnCode);
            Assert.NotEmpty(answer.AnswerRecords);
        }

        var tcp = await DnsQuery.TcpAsync(server.LocalEndpoint, "web.service.consul", RecordType.A);
        Assert.Equal(ReturnCode.NoError, tcp.ReturnCode);
    }

    [Fact]
    public async Task Start_PortHeldByAnotherTcpListener_Throws()
    {
        await using var first = _agent.StartServer(new DnsOptions());
        await using var second = new Trellis.Dns.Server.DnsServer(first.LocalEndpoint, _agent.Host.Agent.Rpc, new DnsOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        // SO_REUSEPORT lets UDP sockets share the port, but TCP still refuses: a second server never half-starts.
        Assert.ThrowsAny<SocketException>(second.Start);
    }
}
