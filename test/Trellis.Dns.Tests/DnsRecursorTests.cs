using System.Net;
using ARSoft.Tools.Net.Dns;
using Trellis.Dns.Tests.Support;

namespace Trellis.Dns.Tests;

public sealed class DnsRecursorTests : IClassFixture<DnsAgentFixture>
{
    private readonly DnsAgentFixture _agent;

    public DnsRecursorTests(DnsAgentFixture agent)
    {
        _agent = agent;
    }

    [Fact]
    public async Task OutsideDomain_WithRecursor_ForwardsAndRelaysAnswer()
    {
        await using var upstream = new TinyDnsServer(IPAddress.Parse("192.0.2.44"));
        await using var server = _agent.StartServer(new DnsOptions { Recursors = [upstream.Endpoint.ToString()] });

        var answer = await DnsQuery.UdpAsync(server.LocalEndpoint, "www.example.com", RecordType.A);

        Assert.Equal(ReturnCode.NoError, answer.ReturnCode);
        var a = Assert.IsType<ARecord>(Assert.Single(answer.AnswerRecords));
        Assert.Equal("192.0.2.44", a.Address.ToString());
        Assert.Equal("www.example.com.", a.Name.ToString());
        Assert.Equal(1, upstream.Received);
    }

    [Fact]
    public async Task InsideDomain_WithRecursor_NotForwarded()
    {
        await using var upstream = new TinyDnsServer(IPAddress.Parse("192.0.2.44"));
        await using var server = _agent.StartServer(new DnsOptions { Recursors = [upstream.Endpoint.ToString()] });

        var answer = await DnsQuery.UdpAsync(server.LocalEndpoint, "missing.service.consul", RecordType.A);

        Assert.Equal(ReturnCode.NxDomain, answer.ReturnCode);
        Assert.Equal(0, upstream.Received);
    }

    [Fact]
    public async Task Sequential_SilentFirstRecursor_FallsBackToSecondAfterTimeout()
    {
        await using var silent = new TinyDnsServer(IPAddress.Parse("192.0.2.1"), silent: true);
        await using var working = new TinyDnsServer(IPAddress.Parse("192.0.2.2"));
        await using var server = _agent.StartServer(new DnsOptions
        {
            Recursors = [silent.Endpoint.ToString(), working.Endpoint.ToString()],
            RecursorTimeout = TimeSpan.FromMilliseconds(300),
        });

        var raw = await DnsQuery.UdpRawAsync(server.LocalEndpoint, DnsQuery.Build("www.example.com", 1));

        var answer = DnsMessage.Parse(new ArraySegment<byte>(raw!));
        Assert.Equal("192.0.2.2", Assert.IsType<ARecord>(Assert.Single(answer.AnswerRecords)).Address.ToString());
        Assert.Equal(1, silent.Received);
    }

    [Fact]
    public async Task HostnameService_WithRecursor_CnameFollowedByTargetAddress()
    {
        await using var upstream = new TinyDnsServer(IPAddress.Parse("192.0.2.80"));
        await using var server = _agent.StartServer(new DnsOptions { Recursors = [upstream.Endpoint.ToString()] });

        var answer = await DnsQuery.UdpAsync(server.LocalEndpoint, "ext.service.consul", RecordType.A);

        Assert.Equal(2, answer.AnswerRecords.Count);
        Assert.Equal("example.org.", Assert.IsType<CNameRecord>(answer.AnswerRecords[0]).CanonicalName.ToString());
        var a = Assert.IsType<ARecord>(answer.AnswerRecords[1]);
        Assert.Equal("example.org.", a.Name.ToString());
        Assert.Equal("192.0.2.80", a.Address.ToString());
    }

    [Fact]
    public async Task AllRecursorsSilent_ServFail()
    {
        await using var silent = new TinyDnsServer(IPAddress.Parse("192.0.2.1"), silent: true);
        await using var server = _agent.StartServer(new DnsOptions
        {
            Recursors = [silent.Endpoint.ToString()],
            RecursorTimeout = TimeSpan.FromMilliseconds(200),
        });

        var answer = await DnsQuery.UdpAsync(server.LocalEndpoint, "www.example.com", RecordType.A);

        Assert.Equal(ReturnCode.ServerFailure, answer.ReturnCode);
    }
}
