using Trellis.Core.Hcl;
using Trellis.Hosting.Configuration;
using Trellis.Hosting.Runtime;

namespace Trellis.Hosting.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempConfigDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static AgentConfig Load(params ConfigSource[] sources) => ConfigLoader.Build(sources, devMode: false);

    [Fact]
    public void Load_AllMappedKeys_LandOnAgentConfig()
    {
        var file = _dir.Write("agent.hcl", """
            datacenter = "East-1"
            node_name = "n1"
            node_id = "ADF4238A-882B-9DDC-4A9D-5B6758E4159E"
            data_dir = "/var/lib/trellis"
            server = true
            bootstrap = true
            bind_addr = "10.0.0.5"
            client_addr = "0.0.0.0"
            advertise_addr = "10.0.0.6"
            ports { http = 18500, dns = -1, server = 18300, grpc = 8502 }
            log_level = "WARN"
            log_json = true
            pid_file = "/run/trellis.pid"
            ui = true
            limits { kv_max_value_size = 1024, txn_max_req_len = 2048 }
            session_ttl_min = "1m30s"
            retry_join = ["a"]
            telemetry { prometheus_retention_time = "1m" }
            """);

        var c = ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [file] });

        Assert.Equal("east-1", c.Datacenter);
        Assert.Equal("n1", c.NodeName);
        Assert.Equal("adf4238a-882b-9ddc-4a9d-5b6758e4159e", c.NodeId);
        Assert.Equal("/var/lib/trellis", c.DataDir);
        Assert.True(c.Server);
        Assert.True(c.Bootstrap);
        Assert.Equal(("10.0.0.5", "0.0.0.0", "10.0.0.6"), (c.BindAddr, c.ClientAddr, c.AdvertiseAddr));
        Assert.Equal((18500, -1, 18300), (c.HttpPort, c.DnsPort, c.ServerPort));
        Assert.Equal("warn", c.LogLevel);
        Assert.True(c.LogJson);
        Assert.Equal("/run/trellis.pid", c.PidFile);
        Assert.True(c.EnableUi);
        Assert.Equal((1024, 2048), (c.KvMaxValueSize, c.TxnMaxRequestLength));
        Assert.Equal(TimeSpan.FromSeconds(90), c.SessionTtlMin);
        Assert.Equal(["a"], c.RetryJoin);
        Assert.False(c.DevMode);
    }

    [Fact]
    public void Load_UiConfigContentPathAndDir_AreReadAndPathNormalized()
    {
        var file = _dir.Write("ui.hcl", "data_dir = \"/d\"\nui_config {\n  enabled = true\n  content_path = \"dashboard\"\n  dir = \"/srv/ui\"\n}");

        var c = ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [file] });

        Assert.True(c.EnableUi);
        Assert.Equal("/dashboard/", c.UiContentPath);
        Assert.Equal("/srv/ui", c.UiDir);
    }

    [Fact]
    public void Load_UiConfigUnset_ServesEmbeddedUiAtSlashUi()
    {
        var file = _dir.Write("a.hcl", "data_dir = \"/d\"");

        var c = ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [file] });

        Assert.Equal("/ui/", c.UiContentPath);
        Assert.Null(c.UiDir);
    }

    [Fact]
    public void Load_UiConfigContentPathNotString_IsTypeError()
    {
        var file = _dir.Write("a.hcl", "data_dir = \"/d\"\nui_config { content_path = 5 }");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [file] }));

        Assert.Contains("ui_config.content_path: expected type 'string'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NothingSet_KeepsConsulDefaults()
    {
        var c = Load(ConfigSource.Hcl("a.hcl", "data_dir = \"/d\""));

        Assert.Equal(("dc1", 8500, 8600, 8300), (c.Datacenter, c.HttpPort, c.DnsPort, c.ServerPort));
        Assert.Equal(("0.0.0.0", "127.0.0.1", "info"), (c.BindAddr, c.ClientAddr, c.LogLevel));
        Assert.Equal(Environment.MachineName, c.NodeName);
        Assert.False(c.Server || c.Bootstrap || c.EnableUi);
    }

    [Fact]
    public void Load_JsonFile_SameAsHcl()
    {
        var json = _dir.Write("a.json", "{\"data_dir\": \"/d\", \"ports\": {\"http\": 9000}, \"ui_config\": {\"enabled\": true}}");
        var hcl = _dir.Write("b.hcl", "data_dir = \"/d\"\nports { http = 9000 }\nui_config { enabled = true }");

        var fromHcl = ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [hcl] });
        var fromJson = ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [json] });

        Assert.Equal((9000, true, "/d"), (fromJson.HttpPort, fromJson.EnableUi, fromJson.DataDir));
        Assert.Equal(fromHcl, fromJson with { RetryJoin = fromHcl.RetryJoin });
    }

    [Fact]
    public void Load_LaterSourceScalar_Wins_ListsAppend()
    {
        var c = Load(
            ConfigSource.Hcl("1.hcl", "data_dir = \"/a\"\ndatacenter = \"one\"\nretry_join = [\"x\"]\nports { http = 1 }"),
            ConfigSource.Json("2.json", "{\"datacenter\": \"two\", \"retry_join\": [\"y\", \"z\"], \"ports\": {\"dns\": 2}}"));

        Assert.Equal("two", c.Datacenter);
        Assert.Equal("/a", c.DataDir);
        Assert.Equal(["x", "y", "z"], c.RetryJoin);
        Assert.Equal((1, 2), (c.HttpPort, c.DnsPort));
    }

    [Fact]
    public void Load_ConfigDir_ReadsHclAndJsonInLexicalOrder()
    {
        _dir.Write("conf/b.json", "{\"datacenter\": \"from-b\", \"retry_join\": [\"b\"]}");
        _dir.Write("conf/a.hcl", "datacenter = \"from-a\"\ndata_dir = \"/x\"\nretry_join = [\"a\"]");
        _dir.Write("conf/c.txt", "this is not config");
        _dir.Write("conf/sub/z.hcl", "datacenter = \"from-sub\"");
        _dir.Write("conf/B.hcl", "retry_join = [\"B\"]");

        var c = ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [Path.Combine(_dir.Path, "conf")] });

        Assert.Equal("from-b", c.Datacenter);
        Assert.Equal(["B", "a", "b"], c.RetryJoin);
    }

    [Fact]
    public void Load_PathsInGivenOrder_FileAfterDirWins()
    {
        _dir.Write("d/one.hcl", "datacenter = \"dir\"\ndata_dir = \"/x\"");
        var file = _dir.Write("last.json", "{\"datacenter\": \"file\"}");
        var first = _dir.Write("first.hcl", "datacenter = \"first\"");

        var c = ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [first, Path.Combine(_dir.Path, "d"), file] });

        Assert.Equal("file", c.Datacenter);
    }

    [Fact]
    public void Load_FlagsAfterFiles_HclFragmentsLast()
    {
        var file = _dir.Write("a.hcl", "datacenter = \"file\"\ndata_dir = \"/x\"\nlog_level = \"warn\"\nnode_name = \"f\"");
        var flags = new HclObject([new("datacenter", HclScalar.String("flag")), new("node_name", HclScalar.String("flagnode"))]);

        var c = ConfigLoader.Load(new ConfigLoadOptions
        {
            ConfigPaths = [file],
            Flags = flags,
            HclFragments = ["node_name = \"frag\""],
        });

        Assert.Equal(("flag", "frag", "warn"), (c.Datacenter, c.NodeName, c.LogLevel));
    }

    [Fact]
    public void Load_DevMode_AppliesConsulDevDefaults()
    {
        var c = ConfigLoader.Load(new ConfigLoadOptions { DevMode = true });

        Assert.True(c.DevMode);
        Assert.True(c.Server);
        Assert.True(c.Bootstrap);
        Assert.Null(c.DataDir);
        Assert.Equal(("127.0.0.1", "127.0.0.1", "debug"), (c.BindAddr, c.ClientAddr, c.LogLevel));
        Assert.True(c.EnableUi);
        Assert.Equal(Environment.MachineName, c.NodeName);
    }

    [Fact]
    public void Load_DevModeWithBindAndClientFlags_FlagsOverrideDevDefaults()
    {
        var flags = new HclObject([new("bind_addr", HclScalar.String("127.0.0.5")), new("client_addr", HclScalar.String("127.0.0.6"))]);

        var c = ConfigLoader.Load(new ConfigLoadOptions { DevMode = true, Flags = flags });
        var effective = NodeIdentity.ApplyDevMode(c);
        var identity = NodeIdentity.Resolve(effective);

        Assert.Equal(("127.0.0.5", "127.0.0.6"), (effective.BindAddr, effective.ClientAddr));
        Assert.Equal(("127.0.0.5", "127.0.0.5", "127.0.0.6"), (identity.BindAddr, identity.AdvertiseAddr, identity.ClientAddr));
    }

    [Fact]
    public void Load_DevModeWithAdvertiseFlag_AdvertiseWinsOverBind()
    {
        var flags = new HclObject([new("bind_addr", HclScalar.String("127.0.0.5")), new("advertise_addr", HclScalar.String("127.0.0.7"))]);

        var identity = NodeIdentity.Resolve(NodeIdentity.ApplyDevMode(ConfigLoader.Load(new ConfigLoadOptions { DevMode = true, Flags = flags })));

        Assert.Equal(("127.0.0.5", "127.0.0.7"), (identity.BindAddr, identity.AdvertiseAddr));
    }

    [Fact]
    public void Load_DevModeWithFile_FileOverridesDevDefaults()
    {
        var file = _dir.Write("a.hcl", "log_level = \"info\"\nui_config { enabled = false }");

        var c = ConfigLoader.Load(new ConfigLoadOptions { DevMode = true, ConfigPaths = [file] });

        Assert.Equal("info", c.LogLevel);
        Assert.False(c.EnableUi);
        Assert.True(c.Server);
    }

    [Fact]
    public void Load_UnknownKey_NamesFileLineAndKey()
    {
        var file = _dir.Write("x.hcl", "data_dir = \"/d\"\n\n datacentr = \"dc1\"\n");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [file] }));

        Assert.Equal($"Error parsing {file}: line 3: invalid config key datacentr", ex.Message);
        Assert.Equal((file, 3, "datacentr"), (ex.File, ex.Line, ex.Key));
    }

    [Fact]
    public void Load_UnknownNestedKey_NamesDottedPath()
    {
        var file = _dir.Write("x.json", "{\n  \"limits\": {\n    \"kv_max_value_sise\": 1\n  }\n}");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions { ConfigPaths = [file] }));

        Assert.Equal($"Error parsing {file}: line 3: invalid config key limits.kv_max_value_sise", ex.Message);
    }

    [Theory]
    [InlineData("ports { http = 70000 }", 1, "ports.http", "invalid port 70000")]
    [InlineData("ports {\n  server = -1\n}", 2, "ports.server", "invalid port -1")]
    [InlineData("ports { dns = \"53\" }", 1, "ports.dns", "expected type 'int', got 'string'")]
    [InlineData("server = \"yes\"", 1, "server", "expected type 'bool', got 'string'")]
    [InlineData("server = false\nsession_ttl_min = \"ten\"", 2, "session_ttl_min", "invalid duration \"ten\"")]
    [InlineData("log_level = \"loud\"", 1, "log_level", "invalid log level \"loud\"")]
    [InlineData("node_id = \"not-a-uuid\"", 1, "node_id", "is not a valid UUID")]
    [InlineData("datacenter = \"dc 1\"", 1, "datacenter", "datacenter cannot be \"dc 1\". Please use only [a-z0-9-_]")]
    [InlineData("limits { kv_max_value_size = 0 }", 1, "limits.kv_max_value_size", "out of range")]
    [InlineData("limits = 5", 1, "limits", "expected type 'object', got 'int'")]
    [InlineData("retry_join = [1]", 1, "retry_join", "expected type 'string', got 'int'")]
    public void Load_BadValue_NamesFileLineAndKey(string hcl, int line, string key, string detail)
    {
        var ex = Assert.Throws<ConfigException>(() => Load(ConfigSource.Hcl("/etc/x.hcl", "data_dir = \"/d\"\n" + hcl)));

        Assert.StartsWith($"Error parsing /etc/x.hcl: line {line + 1}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(detail, ex.Message, StringComparison.Ordinal);
        Assert.Equal(key, ex.Key);
    }

    [Fact]
    public void Load_SyntaxError_NamesFileAndPosition()
    {
        var ex = Assert.Throws<ConfigException>(() => Load(ConfigSource.Hcl("/etc/x.hcl", "a = 1\nb = ")));

        Assert.StartsWith("Error parsing /etc/x.hcl: At 2:5: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Load_NoDataDirOutsideDev_Fails()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigLoadOptions()));

        Assert.Equal("data_dir cannot be empty", ex.Message);
    }

    [Fact]
    public void Load_BootstrapWithoutServer_Fails()
    {
        var ex = Assert.Throws<ConfigException>(() => Load(ConfigSource.Hcl("a.hcl", "data_dir = \"/d\"\nbootstrap = true")));

        Assert.Equal("'bootstrap = true' requires 'server = true'", ex.Message);
    }

    [Fact]
    public void Load_UiConfigEnabled_WinsOverLegacyUi()
    {
        var c = Load(ConfigSource.Hcl("a.hcl", "data_dir = \"/d\"\nui_config { enabled = false }\nui = true"));

        Assert.False(c.EnableUi);
    }

    [Fact]
    public void Load_RepeatedBlocks_MergeInOrder()
    {
        var c = Load(ConfigSource.Hcl("a.hcl", "data_dir = \"/d\"\nports { http = 1 }\nports { http = 2\n dns = 3 }"));

        Assert.Equal((2, 3), (c.HttpPort, c.DnsPort));
    }

    [Fact]
    public void ReadPath_FileWithoutFormat_Fails()
    {
        var file = _dir.Write("agent.conf", "data_dir = \"/d\"");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.ReadPath(file));

        Assert.Contains("without a format", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPath_Missing_Fails()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.ReadPath(Path.Combine(_dir.Path, "nope.hcl")));

        Assert.Contains("no such file or directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateConfig_GoodFilesWithoutDataDir_Passes()
    {
        var file = _dir.Write("a.hcl", "server = true\nbootstrap = true");

        var c = ConfigLoader.ValidateConfig([file]);

        Assert.True(c.Server);
    }

    [Fact]
    public void ValidateConfig_BadFile_Throws()
    {
        var file = _dir.Write("a.hcl", "bootstrap = true");

        Assert.Throws<ConfigException>(() => ConfigLoader.ValidateConfig([file]));
    }
}
