using Trellis.Cli.Commands.Agent;
using Trellis.Cli.Flags;
using Trellis.Hosting.Configuration;

namespace Trellis.Cli.Tests.Commands.Agent;

public sealed class AgentCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "trellis-agentcmd-" + Guid.NewGuid().ToString("N"));

    public AgentCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Out, string Err, AgentConfig? Ran)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        AgentConfig? ran = null;
        var code = await AgentCommand.RunAsync(args, stdout, stderr, (config, started, _) =>
        {
            ran = config;
            started(config);
            return Task.CompletedTask;
        }, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString(), ran);
    }

    [Fact]
    public void BuildConfig_AllFlags_MapToConfigKeys()
    {
        var c = AgentCommand.BuildConfig([
            "-server", "-bootstrap", "-data-dir=/d", "-node", "n1", "-node-id", "adf4238a-882b-9ddc-4a9d-5b6758e4159e",
            "-datacenter=west", "-bind", "10.0.0.1", "-client=0.0.0.0", "-advertise=10.0.0.2", "-http-port=18500",
            "-dns-port", "-1", "-server-port=18300", "-pid-file=/p", "-log-level=trace", "-log-json", "-ui",
            "-retry-join=a", "-retry-join=b",
        ]);

        Assert.True(c.Server && c.Bootstrap && c.LogJson && c.EnableUi);
        Assert.Equal(("/d", "n1", "adf4238a-882b-9ddc-4a9d-5b6758e4159e", "west"), (c.DataDir, c.NodeName, c.NodeId, c.Datacenter));
        Assert.Equal(("10.0.0.1", "0.0.0.0", "10.0.0.2"), (c.BindAddr, c.ClientAddr, c.AdvertiseAddr));
        Assert.Equal((18500, -1, 18300), (c.HttpPort, c.DnsPort, c.ServerPort));
        Assert.Equal(("/p", "trace"), (c.PidFile, c.LogLevel));
        Assert.Equal(["a", "b"], c.RetryJoin);
    }

    [Fact]
    public void BuildConfig_Dev_UsesDevDefaults()
    {
        var c = AgentCommand.BuildConfig(["-dev"]);

        Assert.True(c.DevMode && c.Server && c.Bootstrap && c.EnableUi);
        Assert.Equal(("127.0.0.1", "debug"), (c.BindAddr, c.LogLevel));
    }

    [Fact]
    public void BuildConfig_FlagsOverrideFiles_HclFragmentsOverrideFlags()
    {
        var file = Write("a.hcl", "data_dir = \"/f\"\ndatacenter = \"file\"\nnode_name = \"file\"\nlog_level = \"warn\"\nports { http = 1 }");

        var c = AgentCommand.BuildConfig(["-config-file", file, "-datacenter=flag", "-node=flag", "-http-port=2", "-hcl", "node_name = \"hcl\""]);

        Assert.Equal(("flag", "hcl", "warn", 2, "/f"), (c.Datacenter, c.NodeName, c.LogLevel, c.HttpPort, c.DataDir));
    }

    [Fact]
    public void BuildConfig_ConfigFileAndDirInterleaved_KeepCommandLineOrder()
    {
        var dir = Path.Combine(_dir, "conf");
        Write("conf/1.hcl", "datacenter = \"dir\"\ndata_dir = \"/d\"");
        var early = Write("early.hcl", "datacenter = \"early\"");
        var late = Write("late.json", "{\"datacenter\": \"late\"}");

        Assert.Equal("dir", AgentCommand.BuildConfig(["-config-file=" + early, "-config-dir", dir]).Datacenter);
        Assert.Equal("late", AgentCommand.BuildConfig(["-config-dir=" + dir, "-config-file", late]).Datacenter);
        Assert.Equal("dir", AgentCommand.BuildConfig(["--config-file", late, "-dev", "-config-dir", dir]).Datacenter);
    }

    [Fact]
    public void BuildConfig_UiContentPathAndUiDirFlags_SetUiConfig()
    {
        var c = AgentCommand.BuildConfig(["-dev", "-ui-content-path", "/console", "-ui-dir=/srv/ui"]);

        Assert.True(c.EnableUi);
        Assert.Equal("/console/", c.UiContentPath);
        Assert.Equal("/srv/ui", c.UiDir);
    }

    [Fact]
    public void BuildConfig_UnsetFlags_DoNotOverrideFiles()
    {
        var file = Write("a.hcl", "data_dir = \"/f\"\nserver = true\nports { http = 7 }\nui = true");

        var c = AgentCommand.BuildConfig(["-config-file", file]);

        Assert.True(c.Server);
        Assert.True(c.EnableUi);
        Assert.Equal(7, c.HttpPort);
    }

    [Fact]
    public void BuildConfig_BadFlagValue_ThrowsConfigExceptionNamingKey()
    {
        var ex = Assert.Throws<ConfigException>(() => AgentCommand.BuildConfig(["-dev", "-log-level=loud"]));

        Assert.Equal("log_level", ex.Key);
        Assert.StartsWith("Error parsing command-line flags: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildConfig_NonIntegerPort_ThrowsFlagParseException()
    {
        var ex = Assert.Throws<FlagParseException>(() => AgentCommand.BuildConfig(["-http-port=abc"]));

        Assert.Equal("invalid value \"abc\" for flag -http-port: parse error", ex.Message);
    }

    [Fact]
    public async Task RunAsync_UnknownFlag_PrintsGoErrorAndUsage_Exit1()
    {
        var (code, stdout, stderr, ran) = await Run("-dev", "-bogus");

        Assert.Equal(1, code);
        Assert.Null(ran);
        Assert.Empty(stdout);
        Assert.StartsWith("flag provided but not defined: -bogus\nUsage: trellis agent [options]", stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("-config-dir=<value>", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ConfigError_PrintsMessage_Exit1()
    {
        var file = Write("x.hcl", "data_dir = \"/d\"\ndatacentr = \"dc1\"\n");

        var (code, _, stderr, ran) = await Run("-config-file", file);

        Assert.Equal(1, code);
        Assert.Null(ran);
        Assert.Equal($"==> Error parsing {file}: line 2: invalid config key datacentr", stderr.TrimEnd());
    }

    [Fact]
    public async Task RunAsync_MissingDataDir_Exit1()
    {
        var (code, _, stderr, _) = await Run("-server");

        Assert.Equal(1, code);
        Assert.Equal("==> data_dir cannot be empty", stderr.TrimEnd());
    }

    [Fact]
    public async Task RunAsync_ExtraArguments_Exit1()
    {
        var (code, _, stderr, _) = await Run("-dev", "extra");

        Assert.Equal(1, code);
        Assert.Equal("==> config: Unknown extra arguments: [extra]", stderr.TrimEnd());
    }

    [Fact]
    public async Task RunAsync_Valid_RunsAgentAndPrintsBanner()
    {
        var (code, stdout, stderr, ran) = await Run("-dev", "-node=n1", "-datacenter=dc9");

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.NotNull(ran);
        Assert.Equal("n1", ran.NodeName);
        Assert.Contains("==> Starting Trellis agent...", stdout, StringComparison.Ordinal);
        Assert.Contains("         Node name: 'n1'", stdout, StringComparison.Ordinal);
        Assert.Contains("        Datacenter: 'dc9'", stdout, StringComparison.Ordinal);
        Assert.Contains("            Server: true (Bootstrap: true)", stdout, StringComparison.Ordinal);
        Assert.Contains("       Client Addr: [127.0.0.1] (HTTP: 8500", stdout, StringComparison.Ordinal);
        Assert.Contains("      Cluster Addr: 127.0.0.1", stdout, StringComparison.Ordinal);
        Assert.Contains("==> Trellis agent running!", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RunnerFails_PrintsError_Exit1()
    {
        var stderr = new StringWriter();

        var code = await AgentCommand.RunAsync(["-dev"], new StringWriter(), stderr,
            (_, _, _) => throw new IOException("address already in use"), CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Equal("==> Error starting agent: address already in use", stderr.ToString().TrimEnd());
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsage_Exit0()
    {
        var (code, stdout, _, ran) = await Run("-help");

        Assert.Equal(0, code);
        Assert.Null(ran);
        Assert.StartsWith("Usage: trellis agent", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateConfig_Files_LoadsWithoutDataDir()
    {
        var file = Write("v.json", "{\"server\": true}");

        Assert.True(AgentCommand.ValidateConfig([file]).Server);
    }

    [Fact]
    public async Task RunAsync_RealHostInDevMode_StartsAndStopsOnCancel()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var httpPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var listener2 = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener2.Start();
        var serverPort = ((System.Net.IPEndPoint)listener2.LocalEndpoint).Port;
        listener.Stop();
        listener2.Stop();
        using var cts = new CancellationTokenSource();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var stdout = new StringWriter();
        var syncOut = TextWriter.Synchronized(stdout);
        string Output()
        {
            lock (syncOut)
            {
                return stdout.ToString();
            }
        }

        var run = AgentCommand.RunAsync(
            // -dns-port=-1: this test is about HTTP and Raft; the DNS default 8600 may be taken on a shared machine.
            ["-dev", $"-http-port={httpPort}", $"-server-port={serverPort}", "-dns-port=-1", "-log-level=error"],
            syncOut,
            TextWriter.Synchronized(new StringWriter()),
            cts.Token);

        while (!Output().Contains("agent running", StringComparison.Ordinal) && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains("==> Trellis agent running!", Output(), StringComparison.Ordinal);
        using var http = new HttpClient();
        var leader = "";
        while (!leader.Contains(':', StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            leader = await http.GetStringAsync(new Uri($"http://127.0.0.1:{httpPort}/v1/status/leader"));
            await Task.Delay(leader.Contains(':', StringComparison.Ordinal) ? 0 : 100);
        }

        Assert.Contains($":{serverPort}", leader, StringComparison.Ordinal);
        await cts.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
