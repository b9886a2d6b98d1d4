using Trellis.Hosting.Configuration;

namespace Trellis.Hosting.Tests.Configuration;

public sealed class ConfigServicesTests : IDisposable
{
    private readonly TempConfigDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private AgentConfig LoadDir() => ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [_dir.Path], Flags = null, HclFragments = ["data_dir = \"/d\""] });

    [Fact]
    public void Load_HclServiceBlocksWithCheck_DecodedInOrder()
    {
        _dir.Write("a.hcl", """
            service {
              name = "web"
              port = 8080
              tags = ["v1"]
              check {
                id = "web-http"
                http = "http://127.0.0.1:8080/health"
                interval = "10s"
                deregister_critical_service_after = "90m"
              }
            }
            service {
              name = "db"
              checks = [{ tcp = "127.0.0.1:5432", interval = "5s" }, { ttl = "30s" }]
            }
            check {
              name = "mem"
              args = ["/bin/true"]
              interval = "1m"
            }
            enable_local_script_checks = true
            check_update_interval = "30s"
            check_output_max_size = 1024
            """);

        var c = LoadDir();

        Assert.Equal(["web", "db"], c.Services.Select(s => s.Name));
        Assert.Equal(("web-http", "90m"), (c.Services[0].Check!.ID, c.Services[0].Check!.DeregisterCriticalServiceAfter));
        Assert.Equal(2, c.Services[1].Checks!.Count);
        Assert.Equal(["/bin/true"], Assert.Single(c.Checks).Args);
        Assert.Equal((true, false, TimeSpan.FromSeconds(30), 1024), (c.EnableLocalScriptChecks, c.EnableScriptChecks, c.CheckUpdateInterval, c.CheckOutputMaxSize));
    }

    [Fact]
    public void Load_JsonServicesAndChecksAcrossFiles_Append()
    {
        _dir.Write("1.json", """{"services": [{"name": "a", "check": {"ttl": "5s"}}, {"name": "b"}]}""");
        _dir.Write("2.json", """{"service": {"name": "c", "enable_tag_override": true}, "checks": [{"name": "n", "ttl": "9s"}]}""");

        var c = LoadDir();

        Assert.Equal(["a", "b", "c"], c.Services.Select(s => s.Name));
        Assert.True(c.Services[2].EnableTagOverride);
        Assert.Equal("9s", Assert.Single(c.Checks).TTL);
    }

    [Fact]
    public void Load_InvalidServiceCheck_ConsulTextNamed()
    {
        _dir.Write("a.hcl", "service {\n  name = \"web\"\n  check { http = \"http://x\" }\n}\n");

        var ex = Assert.Throws<ConfigException>(LoadDir);

        Assert.Equal("service \"web\": Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks", ex.Message);
    }

    [Fact]
    public void Load_ServiceNotABlock_TypeErrorWithLine()
    {
        _dir.Write("a.hcl", "node_name = \"x\"\nservice = \"web\"\n");

        var ex = Assert.Throws<ConfigException>(LoadDir);

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("service: expected type 'object', got 'string'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RemembersWhereItCameFrom_ForReload()
    {
        _dir.Write("a.hcl", "service { name = \"web\" }\n");

        var c = LoadDir();

        Assert.Equal([_dir.Path], c.LoadOptions!.ConfigPaths);
    }
}
