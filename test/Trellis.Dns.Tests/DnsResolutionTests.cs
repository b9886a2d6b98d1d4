using System.Net;
using ARSoft.Tools.Net.Dns;
using Trellis.Core.Catalog;
using Trellis.Dns.Tests.Support;

namespace Trellis.Dns.Tests;

public sealed class DnsResolutionTests : IClassFixture<DnsAgentFixture>
{
    private readonly DnsAgentFixture _agent;

    public DnsResolutionTests(DnsAgentFixture agent)
    {
        _agent = agent;
    }

    [Fact]
    public async Task Node_A_AnswersNodeAddress()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "n1.node.consul", RecordType.A);

        Assert.Equal(ReturnCode.NoError, answer.ReturnCode);
        Assert.True(answer.IsAuthoritiveAnswer);
        var a = Assert.IsType<ARecord>(Assert.Single(answer.AnswerRecords));
        Assert.Equal(IPAddress.Parse("10.0.0.1"), a.Address);
        Assert.Equal("n1.node.consul.", a.Name.ToString());
    }

    [Fact]
    public async Task Node_WithDatacenter_AnswersAndUnknownDatacenterIsNxDomain()
    {
        var ok = await DnsQuery.UdpAsync(_agent.Dns, "n1.node.dc1.consul", RecordType.A);
        var unknown = await DnsQuery.UdpAsync(_agent.Dns, "n1.node.nowhere.consul", RecordType.A);

        Assert.Single(ok.AnswerRecords);
        Assert.Equal(ReturnCode.NxDomain, unknown.ReturnCode);
    }

    [Fact]
    public async Task Node_Txt_AnswersMetaWithRfc1035KeysBare()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "n1.node.consul", RecordType.Txt);

        var texts = answer.AnswerRecords.OfType<TxtRecord>().Select(t => t.TextData).ToList();
        Assert.Contains("env=prod", texts);
        Assert.Contains("plain", texts);
    }

    [Fact]
    public async Task Node_Unknown_NxDomainWithSoa()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "missing.node.consul", RecordType.A);

        Assert.Equal(ReturnCode.NxDomain, answer.ReturnCode);
        Assert.Empty(answer.AnswerRecords);
        var soa = Assert.IsType<SoaRecord>(Assert.Single(answer.AuthorityRecords));
        Assert.Equal("ns.consul.", soa.MasterName.ToString());
        Assert.Equal("hostmaster.consul.", soa.ResponsibleName.ToString());
    }

    [Fact]
    public async Task Node_TypeWithoutRecords_NoDataWithSoa()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "n1.node.consul", RecordType.Mx);

        Assert.Equal(ReturnCode.NoError, answer.ReturnCode);
        Assert.Empty(answer.AnswerRecords);
        Assert.IsType<SoaRecord>(Assert.Single(answer.AuthorityRecords));
    }

    [Fact]
    public async Task Service_A_PassingAndWarningButNotCritical()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "web.service.consul", RecordType.A);

        var addresses = answer.AnswerRecords.OfType<ARecord>().Select(a => a.Address.ToString()).Order().ToList();
        Assert.Equal(["10.0.0.1", "10.0.1.2"], addresses);
    }

    [Fact]
    public async Task Service_Srv_TargetsNodeOrAddrNamesWithAdditionalAddresses()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "web.service.consul", RecordType.Srv);

        var srv = answer.AnswerRecords.OfType<SrvRecord>().OrderBy(s => s.Port).ToList();
        Assert.Equal(2, srv.Count);
        Assert.Equal("n1.node.dc1.consul.", srv[0].Target.ToString());
        Assert.Equal(8080, srv[0].Port);
        Assert.Equal(1, srv[0].Weight);
        Assert.Equal("0a000102.addr.dc1.consul.", srv[1].Target.ToString());
        // The warning instance gets its warning weight.
        Assert.Equal(2, srv[1].Weight);
        var extra = answer.AdditionalRecords.OfType<ARecord>().ToDictionary(a => a.Name.ToString(), a => a.Address.ToString());
        Assert.Equal("10.0.0.1", extra["n1.node.dc1.consul."]);
        Assert.Equal("10.0.1.2", extra["0a000102.addr.dc1.consul."]);
    }

    [Fact]
    public async Task Service_Tag_FiltersInstances()
    {
        var v1 = await DnsQuery.UdpAsync(_agent.Dns, "v1.web.service.consul", RecordType.A);
        var none = await DnsQuery.UdpAsync(_agent.Dns, "v9.web.service.consul", RecordType.A);

        Assert.Equal("10.0.0.1", Assert.IsType<ARecord>(Assert.Single(v1.AnswerRecords)).Address.ToString());
        Assert.Equal(ReturnCode.NxDomain, none.ReturnCode);
    }

    [Fact]
    public async Task Service_Rfc2782_TagAndTcpMeaningAnyTag()
    {
        var tagged = await DnsQuery.UdpAsync(_agent.Dns, "_web._v2.service.consul", RecordType.Srv);
        var any = await DnsQuery.UdpAsync(_agent.Dns, "_web._tcp.service.consul", RecordType.Srv);

        Assert.Equal(8081, Assert.IsType<SrvRecord>(Assert.Single(tagged.AnswerRecords)).Port);
        Assert.Equal(2, any.AnswerRecords.OfType<SrvRecord>().Count());
    }

    [Fact]
    public async Task Service_HostnameAddress_AnsweredWithCname()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "ext.service.consul", RecordType.A);

        var cname = Assert.IsType<CNameRecord>(Assert.Single(answer.AnswerRecords));
        Assert.Equal("example.org.", cname.CanonicalName.ToString());
    }

    [Fact]
    public async Task Service_Ipv6Node_AaaaOnlyForAaaa()
    {
        var aaaa = await DnsQuery.UdpAsync(_agent.Dns, "v6.service.consul", RecordType.Aaaa);
        var a = await DnsQuery.UdpAsync(_agent.Dns, "v6.service.consul", RecordType.A);

        Assert.Equal(IPAddress.Parse("fd00::6"), Assert.IsType<AaaaRecord>(Assert.Single(aaaa.AnswerRecords)).Address);
        Assert.Empty(a.AnswerRecords);
        Assert.Equal(ReturnCode.NoError, a.ReturnCode);
    }

    [Fact]
    public async Task Service_HealthChange_ReflectedInAnswers()
    {
        await _agent.RegisterAsync(new RegisterRequest
        {
            Node = "flip",
            Address = "10.9.9.9",
            Service = new NodeService { ID = "flip", Service = "flip", Port = 1 },
            Check = DnsAgentFixture.Check("flip", "flip", "flip", "passing"),
        });
        var before = await DnsQuery.UdpAsync(_agent.Dns, "flip.service.consul", RecordType.A);
        await _agent.RegisterAsync(new RegisterRequest
        {
            Node = "flip",
            Address = "10.9.9.9",
            Service = new NodeService { ID = "flip", Service = "flip", Port = 1 },
            Check = DnsAgentFixture.Check("flip", "flip", "flip", "critical"),
        });
        var after = await DnsQuery.UdpAsync(_agent.Dns, "flip.service.consul", RecordType.A);

        Assert.Single(before.AnswerRecords);
        Assert.Equal(ReturnCode.NxDomain, after.ReturnCode);
    }

    [Fact]
    public async Task Service_ManyInstancesOverUdpWithoutEdns_TruncatedAndCompleteOverTcp()
    {
        var udp = await DnsQuery.UdpAsync(_agent.Dns, "big.service.consul", RecordType.Srv);
        var tcp = await DnsQuery.TcpAsync(_agent.Dns, "big.service.consul", RecordType.Srv);

        Assert.True(udp.IsTruncated);
        Assert.True(udp.AnswerRecords.Count < 60);
        Assert.False(tcp.IsTruncated);
        Assert.Equal(60, tcp.AnswerRecords.OfType<SrvRecord>().Select(s => s.Port).Distinct().Count());
        Assert.Equal(60, tcp.AdditionalRecords.OfType<ARecord>().Count());
    }

    [Fact]
    public async Task Service_ManyInstancesWithSmallEdnsBuffer_TruncatedWithinBuffer()
    {
        var raw = await DnsQuery.UdpRawAsync(_agent.Dns, DnsQuery.Build("big.service.consul", (ushort)RecordType.Srv, edns: 1232));
        var answer = DnsMessage.Parse(new ArraySegment<byte>(raw!));

        Assert.True(raw!.Length <= 1232);
        Assert.True(answer.IsTruncated);
        Assert.True(answer.AnswerRecords.Count > 3);
    }

    [Fact]
    public async Task Service_ManyInstancesWithLargeEdnsBuffer_CompleteOverUdp()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "big.service.consul", RecordType.A, edns: 4096);

        Assert.False(answer.IsTruncated);
        Assert.Equal(60, answer.AnswerRecords.Count);
    }

    [Fact]
    public async Task Service_Answers_AreShuffled()
    {
        var orders = new HashSet<string>();
        for (var i = 0; i < 10 && orders.Count < 2; i++)
        {
            var answer = await DnsQuery.TcpAsync(_agent.Dns, "big.service.consul", RecordType.A);
            orders.Add(string.Join(',', answer.AnswerRecords.OfType<ARecord>().Select(a => a.Address)));
        }

        Assert.True(orders.Count >= 2);
    }

    [Fact]
    public async Task Addr_HexIpv4_AnswersA()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "c0a80001.addr.dc1.consul", RecordType.A);
        var bad = await DnsQuery.UdpAsync(_agent.Dns, "zz.addr.dc1.consul", RecordType.A);

        Assert.Equal("192.168.0.1", Assert.IsType<ARecord>(Assert.Single(answer.AnswerRecords)).Address.ToString());
        Assert.Equal(ReturnCode.NxDomain, bad.ReturnCode);
    }

    [Fact]
    public async Task Reverse_NodeAddress_AnswersPtr()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "1.0.0.10.in-addr.arpa", RecordType.Ptr);

        var ptr = Assert.IsType<PtrRecord>(Assert.Single(answer.AnswerRecords));
        Assert.Equal("n1.node.dc1.consul.", ptr.PointerDomainName.ToString());
    }

    [Fact]
    public async Task Apex_SoaAndNs()
    {
        var soa = await DnsQuery.UdpAsync(_agent.Dns, "consul", RecordType.Soa);
        var ns = await DnsQuery.UdpAsync(_agent.Dns, "consul", RecordType.Ns);

        Assert.IsType<SoaRecord>(Assert.Single(soa.AnswerRecords));
        var server = Assert.IsType<NsRecord>(Assert.Single(ns.AnswerRecords));
        Assert.Equal("dns-test.node.dc1.consul.", server.NameServer.ToString());
        Assert.Single(ns.AdditionalRecords.OfType<ARecord>());
    }

    [Fact]
    public async Task PreparedQuery_WithoutImplementation_NxDomain()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "anything.query.consul", RecordType.Srv);

        Assert.Equal(ReturnCode.NxDomain, answer.ReturnCode);
    }

    [Fact]
    public async Task PreparedQuery_ThroughSeam_AnswersItsNodesWithItsTtl()
    {
        var entry = new ServiceEntry
        {
            Node = new CatalogNode { Node = "q1", Address = "10.7.0.1", Datacenter = "dc1" },
            Service = new NodeService { ID = "api", Service = "api", Port = 7000 },
        };
        await using var server = _agent.StartServer(new DnsOptions(), new FixedQuery("my-query", entry, TimeSpan.FromSeconds(42)));

        var hit = await DnsQuery.UdpAsync(server.LocalEndpoint, "my-query.query.consul", RecordType.Srv);
        var miss = await DnsQuery.UdpAsync(server.LocalEndpoint, "other.query.consul", RecordType.Srv);

        var srv = Assert.IsType<SrvRecord>(Assert.Single(hit.AnswerRecords));
        Assert.Equal(7000, srv.Port);
        Assert.Equal(42, srv.TimeToLive);
        Assert.Equal(ReturnCode.NxDomain, miss.ReturnCode);
    }

    [Fact]
    public async Task OnlyPassing_LeavesOutWarning()
    {
        await using var server = _agent.StartServer(new DnsOptions { OnlyPassing = true });

        var answer = await DnsQuery.UdpAsync(server.LocalEndpoint, "web.service.consul", RecordType.A);

        Assert.Equal("10.0.0.1", Assert.IsType<ARecord>(Assert.Single(answer.AnswerRecords)).Address.ToString());
    }

    [Fact]
    public async Task ServiceTtl_WildcardAndNodeTtl_Applied()
    {
        await using var server = _agent.StartServer(new DnsOptions
        {
            NodeTtl = TimeSpan.FromSeconds(7),
            ServiceTtl = new Dictionary<string, TimeSpan> { ["*"] = TimeSpan.FromSeconds(5), ["we*"] = TimeSpan.FromSeconds(9) },
        });

        var web = await DnsQuery.UdpAsync(server.LocalEndpoint, "web.service.consul", RecordType.A);
        var big = await DnsQuery.UdpAsync(server.LocalEndpoint, "big.service.consul", RecordType.A);
        var node = await DnsQuery.UdpAsync(server.LocalEndpoint, "n1.node.consul", RecordType.A);

        Assert.All(web.AnswerRecords, r => Assert.Equal(9, r.TimeToLive));
        Assert.All(big.AnswerRecords, r => Assert.Equal(5, r.TimeToLive));
        Assert.Equal(7, Assert.Single(node.AnswerRecords).TimeToLive);
    }

    [Fact]
    public async Task ARecordLimit_CapsAnswersOverTcp()
    {
        await using var server = _agent.StartServer(new DnsOptions { ARecordLimit = 4 });

        var answer = await DnsQuery.TcpAsync(server.LocalEndpoint, "big.service.consul", RecordType.A);

        Assert.Equal(4, answer.AnswerRecords.Count);
    }

    [Fact]
    public async Task AltDomain_AnsweredLikeDomain()
    {
        await using var server = _agent.StartServer(new DnsOptions { AltDomain = "trellis.example." });

        var answer = await DnsQuery.UdpAsync(server.LocalEndpoint, "n1.node.trellis.example", RecordType.A);

        Assert.Equal("10.0.0.1", Assert.IsType<ARecord>(Assert.Single(answer.AnswerRecords)).Address.ToString());
    }

    [Fact]
    public async Task OutsideDomain_WithoutRecursors_Refused()
    {
        var answer = await DnsQuery.UdpAsync(_agent.Dns, "example.com", RecordType.A);

        Assert.Equal(ReturnCode.Refused, answer.ReturnCode);
    }

    [Fact]
    public async Task DisableCompression_AnswerStillParsesAndIsLarger()
    {
        await using var plain = _agent.StartServer(new DnsOptions { DisableCompression = true });

        var compressed = await DnsQuery.TcpRawAsync(_agent.Dns, DnsQuery.Build("web.service.consul", (ushort)RecordType.Srv));
        var uncompressed = await DnsQuery.TcpRawAsync(plain.LocalEndpoint, DnsQuery.Build("web.service.consul", (ushort)RecordType.Srv));

        Assert.True(uncompressed.Length > compressed.Length);
        Assert.Equal(2, DnsMessage.Parse(new ArraySegment<byte>(uncompressed)).AnswerRecords.Count);
    }

    private sealed class FixedQuery(string name, ServiceEntry entry, TimeSpan ttl) : IPreparedQueryDns
    {
        public Task<PreparedQueryDnsResult?> ExecuteAsync(string nameOrId, string datacenter, CancellationToken cancellationToken) =>
            Task.FromResult(nameOrId == name ? new PreparedQueryDnsResult { Nodes = [entry], Ttl = ttl, Datacenter = datacenter } : null);
    }
}
