using Trellis.Hosting.Configuration;

namespace Trellis.Hosting.Tests.Configuration;

public sealed class ConfigDnsTests
{
    private static AgentConfig Load(params ConfigSource[] sources) => ConfigLoader.Build(sources, devMode: false);

    [Fact]
    public void Load_Defaults_ConsulDomainAndDnsDefaults()
    {
        var c = Load(ConfigSource.Hcl("a.hcl", "data_dir = \"/d\""));

        Assert.Equal(8600, c.DnsPort);
        Assert.Equal("consul.", c.Dns.Domain);
        Assert.Null(c.Dns.AltDomain);
        Assert.Null(c.DnsAddr);
        Assert.Empty(c.Dns.Recursors);
        Assert.True(c.Dns.AllowStale);
        Assert.Equal(3, c.Dns.UdpAnswerLimit);
    }

    [Fact]
    public void Load_DnsKeys_AllApplied()
    {
        var c = Load(ConfigSource.Hcl("a.hcl", """
            data_dir = "/d"
            domain = "Trellis"
            alt_domain = "alt.example."
            recursors = ["127.0.0.1:5353"]
            addresses { dns = "127.0.0.2" }
            dns_config {
              allow_stale = false
              max_stale = "10s"
              node_ttl = "30s"
              service_ttl { "*" = "5s", "web" = "1m" }
              udp_answer_limit = 5
              a_record_limit = 2
              enable_truncate = true
              only_passing = true
              recursor_strategy = "random"
              recursor_timeout = "3s"
              disable_compression = true
              soa { refresh = 1, retry = 2, expire = 3, min_ttl = 4 }
            }
            """));

        var dns = c.Dns;
        Assert.Equal("trellis.", dns.Domain);
        Assert.Equal("alt.example.", dns.AltDomain);
        Assert.Equal(["127.0.0.1:5353"], dns.Recursors);
        Assert.Equal("127.0.0.2", c.DnsAddr);
        Assert.False(dns.AllowStale);
        Assert.Equal(TimeSpan.FromSeconds(10), dns.MaxStale);
        Assert.Equal(TimeSpan.FromSeconds(30), dns.NodeTtl);
        Assert.Equal(TimeSpan.FromMinutes(1), dns.ServiceTtlFor("web"));
        Assert.Equal(TimeSpan.FromSeconds(5), dns.ServiceTtlFor("db"));
        Assert.Equal(5, dns.UdpAnswerLimit);
        Assert.Equal(2, dns.ARecordLimit);
        Assert.True(dns.EnableTruncate);
        Assert.True(dns.OnlyPassing);
        Assert.Equal("random", dns.RecursorStrategy);
        Assert.Equal(TimeSpan.FromSeconds(3), dns.RecursorTimeout);
        Assert.True(dns.DisableCompression);
        Assert.Equal(new Trellis.Dns.DnsSoaOptions { Refresh = 1, Retry = 2, Expire = 3, MinTtl = 4 }, dns.Soa);
    }

    [Fact]
    public void Load_LaterSource_OverridesDnsConfigKeyAndAppendsRecursors()
    {
        var c = Load(
            ConfigSource.Hcl("1.hcl", "data_dir = \"/d\"\nrecursors = [\"10.0.0.1\"]\ndns_config { node_ttl = \"1s\"\n only_passing = true }"),
            ConfigSource.Hcl("2.hcl", "recursors = [\"10.0.0.2\"]\ndns_config { node_ttl = \"2s\" }"));

        Assert.Equal(["10.0.0.1", "10.0.0.2"], c.Dns.Recursors);
        Assert.Equal(TimeSpan.FromSeconds(2), c.Dns.NodeTtl);
        Assert.True(c.Dns.OnlyPassing);
    }

    [Theory]
    [InlineData("recursors = [\"not an address\"]", "recursors")]
    [InlineData("dns_config { recursor_strategy = \"fastest\" }", "dns_config.recursor_strategy")]
    [InlineData("dns_config { node_ttl = \"soon\" }", "dns_config.node_ttl")]
    [InlineData("dns_config { unknown_key = 1 }", "dns_config.unknown_key")]
    [InlineData("dns_config { soa { serial = 1 } }", "dns_config.soa.serial")]
    [InlineData("addresses { dns = \"nowhere\" }", "addresses.dns")]
    [InlineData("domain = \"\"", "domain")]
    public void Load_BadDnsValue_ConfigErrorNamingKey(string hcl, string key)
    {
        var ex = Assert.Throws<ConfigException>(() => Load(ConfigSource.Hcl("/etc/x.hcl", "data_dir = \"/d\"\n" + hcl)));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }
}
