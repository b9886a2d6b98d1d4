using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Trellis.IntegrationTests.Agent;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Dns;

/// <summary>
/// The DNS interface of a real <c>trellis agent -dev</c>, asked with Debian's <c>dig</c> over UDP and TCP and with
/// raw sockets: every name form, truncation of a 55-instance answer, health changes.
/// </summary>
public sealed class DnsAgentTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..6];

    private async Task RegisterAsync(object body)
    {
        var reply = await Http.PutJsonAsync("v1/catalog/register", body);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    private Task RegisterWebAsync(string node, string address, int port, string status, string[] tags, string service = "web") => RegisterAsync(new
    {
        Node = node,
        Address = address,
        NodeMeta = new Dictionary<string, string> { ["rack"] = "r1" },
        Service = new { ID = service + "-" + node, Service = service, Port = port, Tags = tags },
        Check = new { CheckID = "chk-" + node, Name = "chk", Status = status, ServiceID = service + "-" + node },
    });

    [Theory]
    [InlineData("")]
    [InlineData("+tcp")]
    public async Task Node_AAndTxt_OverUdpAndTcp(string transport)
    {
        await RegisterWebAsync("node-" + _id, "10.20.0.1", 80, "passing", []);

        var a = await Dig.QueryAsync(Agent, $"node-{_id}.node.consul", "A", transport);
        var txt = await Dig.QueryAsync(Agent, $"node-{_id}.node.dc1.consul", "TXT", transport);

        Assert.Equal("NOERROR", a.Status);
        Assert.Contains("aa", a.Flags);
        Assert.Equal("10.20.0.1", Assert.Single(a.Section("ANSWER"))[^1]);
        Assert.Contains(txt.Section("ANSWER"), r => r[^1] == "\"rack=r1\"");
    }

    [Theory]
    [InlineData("")]
    [InlineData("+tcp")]
    public async Task Service_SrvWithAdditionalA_OnlyHealthy(string transport)
    {
        var service = "web-" + _id;
        await RegisterWebAsync("a-" + _id, "10.21.0.1", 8001, "passing", ["blue"], service);
        await RegisterWebAsync("b-" + _id, "10.21.0.2", 8002, "warning", ["green"], service);
        await RegisterWebAsync("c-" + _id, "10.21.0.3", 8003, "critical", ["blue"], service);

        var srv = await Dig.QueryAsync(Agent, $"{service}.service.consul", "SRV", transport);
        var tagged = await Dig.QueryAsync(Agent, $"blue.{service}.service.consul", "A", transport);
        var rfc2782 = await Dig.QueryAsync(Agent, $"_{service}._green.service.consul", "SRV", transport);

        var answers = srv.Section("ANSWER");
        Assert.Equal(["8001", "8002"], answers.Select(r => r[^2]).Order().ToArray());
        Assert.Contains(srv.Section("ADDITIONAL"), r => r[0] == $"a-{_id}.node.dc1.consul." && r[^1] == "10.21.0.1");
        Assert.Equal("10.21.0.1", Assert.Single(tagged.Section("ANSWER"))[^1]);
        Assert.Equal("8002", Assert.Single(rfc2782.Section("ANSWER"))[^2]);
    }

    [Fact]
    public async Task Service_HealthChange_ReflectedInAnswers()
    {
        var service = "flip-" + _id;
        await RegisterWebAsync("f-" + _id, "10.22.0.1", 80, "passing", [], service);
        var before = await Dig.QueryAsync(Agent, $"{service}.service.consul", "A");
        await RegisterWebAsync("f-" + _id, "10.22.0.1", 80, "critical", [], service);
        var after = await Dig.QueryAsync(Agent, $"{service}.service.consul", "A");
        await RegisterWebAsync("f-" + _id, "10.22.0.1", 80, "warning", [], service);
        var back = await Dig.QueryAsync(Agent, $"{service}.service.consul", "A");

        Assert.Single(before.Section("ANSWER"));
        Assert.Equal("NXDOMAIN", after.Status);
        Assert.Single(back.Section("ANSWER"));
    }

    [Fact]
    public async Task Service_FiftyFiveInstances_TruncatedOverUdpCompleteOverTcp()
    {
        var service = "many-" + _id;
        for (var i = 0; i < 55; i++)
        {
            await RegisterAsync(new
            {
                Node = $"m{i:D2}-{_id}",
                Address = $"10.30.{i / 200}.{(i % 200) + 1}",
                Service = new { ID = service, Service = service, Port = 7000 + i },
            });
        }

        var udp = await Dig.QueryAsync(Agent, $"{service}.service.consul", "SRV", "+ignore", "+bufsize=1232");
        var udpNoEdns = await Dig.QueryAsync(Agent, $"{service}.service.consul", "A", "+ignore", "+noedns");
        var tcp = await Dig.QueryAsync(Agent, $"{service}.service.consul", "SRV", "+tcp");
        var retried = await Dig.QueryAsync(Agent, $"{service}.service.consul", "SRV");

        Assert.Contains("tc", udp.Flags);
        Assert.Contains("tc", udpNoEdns.Flags);
        Assert.DoesNotContain("tc", tcp.Flags);
        Assert.Equal(55, tcp.Section("ANSWER").Count);
        Assert.Equal(55, tcp.Section("ADDITIONAL").Count(r => r[3] == "A"));
        // dig retries a truncated UDP answer over TCP by itself and gets everything.
        Assert.Equal(55, retried.Section("ANSWER").Count);
    }

    [Fact]
    public async Task Unknown_NxDomainWithSoaInAuthority()
    {
        var result = await Dig.QueryAsync(Agent, $"missing-{_id}.service.consul", "A");

        Assert.Equal("NXDOMAIN", result.Status);
        var soa = Assert.Single(result.Section("AUTHORITY"));
        Assert.Equal("SOA", soa[3]);
        Assert.Equal("ns.consul.", soa[4]);
        Assert.Equal("hostmaster.consul.", soa[5]);
    }

    [Fact]
    public async Task Apex_SoaAndNsWithGlue()
    {
        var soa = await Dig.QueryAsync(Agent, "consul", "SOA");
        var ns = await Dig.QueryAsync(Agent, "consul", "NS", "+tcp");

        Assert.Equal("SOA", Assert.Single(soa.Section("ANSWER"))[3]);
        var server = Assert.Single(ns.Section("ANSWER"));
        Assert.Equal($"{Agent.NodeName}.node.dc1.consul.", server[^1]);
        Assert.Contains(ns.Section("ADDITIONAL"), r => r[0] == server[^1] && r[^1] == Agent.Address.ToString());
    }

    [Fact]
    public async Task AddrAndReverse_AnswerAddressAndNodeName()
    {
        await RegisterWebAsync("rev-" + _id, "10.40.0.9", 80, "passing", []);

        var addr = await Dig.QueryAsync(Agent, "0a280009.addr.dc1.consul", "A");
        var ptr = await Dig.QueryAsync(Agent, "9.0.40.10.in-addr.arpa", "PTR");

        Assert.Equal("10.40.0.9", Assert.Single(addr.Section("ANSWER"))[^1]);
        Assert.Equal($"rev-{_id}.node.dc1.consul.", Assert.Single(ptr.Section("ANSWER"))[^1]);
    }

    [Fact]
    public async Task HostnameService_AnsweredWithCname()
    {
        await RegisterAsync(new
        {
            Node = "ext-" + _id,
            Address = "10.50.0.1",
            Service = new { ID = "ext", Service = "ext-" + _id, Port = 443, Address = "db.example.internal" },
        });

        var result = await Dig.QueryAsync(Agent, $"ext-{_id}.service.consul", "A");

        var cname = Assert.Single(result.Section("ANSWER"));
        Assert.Equal("CNAME", cname[3]);
        Assert.Equal("db.example.internal.", cname[4]);
    }

    [Fact]
    public async Task Connect_AnswersProxyInstances()
    {
        var service = "api-" + _id;
        await RegisterAsync(new
        {
            Node = "px-" + _id,
            Address = "10.60.0.1",
            Service = new
            {
                Kind = "connect-proxy",
                ID = service + "-proxy",
                Service = service + "-sidecar-proxy",
                Port = 21000,
                Proxy = new { DestinationServiceName = service },
            },
        });

        var result = await Dig.QueryAsync(Agent, $"{service}.connect.consul", "SRV");

        Assert.Equal("21000", Assert.Single(result.Section("ANSWER"))[^2]);
    }

    [Fact]
    public async Task OutsideDomain_NoRecursors_Refused()
    {
        var result = await Dig.QueryAsync(Agent, "example.com", "A");

        Assert.Equal("REFUSED", result.Status);
    }

    [Fact]
    public async Task RawUdp_GarbageThenQuery_StillAnswers()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(new IPEndPoint(Agent.Address, Agent.DnsPort));
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(1, 700)];
            random.NextBytes(junk);
            await socket.SendAsync(junk, SocketFlags.None);
        }

        Assert.True(await Eventually.HoldsAsync(async () => (await Dig.QueryAsync(Agent, "consul", "SOA")).Status == "NOERROR"),
            "the DNS server stopped answering after garbage");
        Note("agent DNS port " + Agent.DnsPort.ToString(CultureInfo.InvariantCulture));
    }
}
