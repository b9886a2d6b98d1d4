using System.Net;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Cli;

/// <summary>
/// <c>trellis services register/deregister</c>, <c>maint</c> and <c>reload</c> as separate processes against a real
/// agent that loads a config file, checked through the agent's own HTTP API.
/// </summary>
public sealed class CliAgentLocalTests(CliAgentLocalTests.ConfigFileAgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<CliAgentLocalTests.ConfigFileAgentFixture>
{
    /// <summary>A dev agent started with one config file (<see cref="FileName"/>) that the reload test rewrites.</summary>
    public sealed class ConfigFileAgentFixture : AgentFixture
    {
        public const string FileName = "services.hcl";

        protected override AgentOptions Options => AgentOptions.DevMode() with
        {
            ConfigFiles = new Dictionary<string, string> { [FileName] = "service {\n  name = \"from-file\"\n  port = 7000\n}\n" },
        };
    }

    [Fact]
    public async Task ServicesRegister_Flags_ThenDeregisterById()
    {
        var id = Unique("web");

        var register = await Agent.RunCliAsync(["services", "register"],
            ["-name=web", $"-id={id}", "-port=8080", "-tag=v1", "-tag=blue", "-meta=team=a"]);
        Assert.True(register.ExitCode == 0, register.ToString());
        Assert.Equal($"Registered service: web{Environment.NewLine}", register.StdOut);

        var service = await Http.GetReplyAsync($"v1/agent/service/{id}");
        Assert.True(service.Status == HttpStatusCode.OK, service.Body);
        using (var json = JsonDocument.Parse(service.Body))
        {
            Assert.Equal(("web", 8080), (json.RootElement.GetProperty("Service").GetString(), json.RootElement.GetProperty("Port").GetInt32()));
            Assert.Equal(["v1", "blue"], json.RootElement.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal("a", json.RootElement.GetProperty("Meta").GetProperty("team").GetString());
        }

        var deregister = await Agent.RunCliAsync(["services", "deregister"], [$"-id={id}"]);
        Assert.True(deregister.ExitCode == 0, deregister.ToString());
        Assert.Equal($"Deregistered service: {id}{Environment.NewLine}", deregister.StdOut);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/agent/service/{id}")).Status);
    }

    [Fact]
    public async Task ServicesRegister_HclFileWithTtlCheck_RegistersServiceAndCheckThenFileDeregisters()
    {
        var id = Unique("api");
        var file = Path.Combine(Agent.ScratchDir, $"{id}.hcl");
        await File.WriteAllTextAsync(file, $$"""
            service {
              name = "api"
              id   = "{{id}}"
              port = 9000
              check {
                id  = "{{id}}-ttl"
                ttl = "30s"
              }
            }
            """);

        var register = await Agent.RunCliAsync(["services", "register"], [file]);
        Assert.True(register.ExitCode == 0, register.ToString());
        Assert.Equal($"Registered service: api{Environment.NewLine}", register.StdOut);
        var checks = await Http.GetReplyAsync("v1/agent/checks");
        using (var json = JsonDocument.Parse(checks.Body))
        {
            var check = json.RootElement.GetProperty($"{id}-ttl");
            Assert.Equal((id, "critical"), (check.GetProperty("ServiceID").GetString(), check.GetProperty("Status").GetString()));
        }

        var deregister = await Agent.RunCliAsync(["services", "deregister"], [file]);
        Assert.True(deregister.ExitCode == 0, deregister.ToString());
        Assert.Equal($"Deregistered service: {id}{Environment.NewLine}", deregister.StdOut);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/agent/service/{id}")).Status);
        Assert.DoesNotContain($"{id}-ttl", (await Http.GetReplyAsync("v1/agent/checks")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServicesRegister_AgentRejects_ExitsOneWithAgentMessage()
    {
        var run = await Agent.RunCliAsync(["services", "register"], ["-name=web", $"-id={Unique("bad")}", "-kind=bogus"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Error registering service \"web\": Unexpected response code: 400", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("invalid service kind", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maint_EnableListDisable_NodeAndService()
    {
        var id = Unique("db");
        Assert.Equal(0, (await Agent.RunCliAsync(["services", "register"], ["-name=db", $"-id={id}"])).ExitCode);

        var node = await Agent.RunCliAsync(["maint"], ["-enable", "-reason=patching"]);
        Assert.True(node.ExitCode == 0, node.ToString());
        Assert.Contains("Node maintenance is now enabled", node.StdOut, StringComparison.Ordinal);
        var service = await Agent.RunCliAsync(["maint"], ["-enable", $"-service={id}", "-reason=migrating"]);
        Assert.True(service.ExitCode == 0, service.ToString());
        Assert.Contains($"Service maintenance is now enabled for \"{id}\"", service.StdOut, StringComparison.Ordinal);

        var list = await Agent.RunCliAsync(["maint"], []);
        Assert.True(list.ExitCode == 0, list.ToString());
        var text = list.StdOut.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains($"Node:\n  Name:   {Agent.NodeName}\n  Reason: patching\n", text, StringComparison.Ordinal);
        Assert.Contains($"Service:\n  ID:     {id}\n  Reason: migrating\n", text, StringComparison.Ordinal);
        var health = await Http.GetReplyAsync($"v1/agent/health/service/id/{id}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);

        Assert.Equal(0, (await Agent.RunCliAsync(["maint"], ["-disable"])).ExitCode);
        var off = await Agent.RunCliAsync(["maint"], ["-disable", $"-service={id}"]);
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Contains($"Service maintenance is now disabled for \"{id}\"", off.StdOut, StringComparison.Ordinal);
        Assert.Equal("", (await Agent.RunCliAsync(["maint"], [])).StdOut);
    }

    [Fact]
    public async Task Maint_UnknownService_ExitsOne()
    {
        var run = await Agent.RunCliAsync(["maint"], ["-enable", $"-service={Unique("ghost")}"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Error enabling service maintenance: Unexpected response code: 404", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_ChangedConfigFile_AgentPicksUpNewService()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetReplyAsync("v1/agent/service/from-file")).Status);
        var path = Path.Combine(Agent.ScratchDir, "config", ConfigFileAgentFixture.FileName);
        var original = await File.ReadAllTextAsync(path);
        try
        {
            await File.WriteAllTextAsync(path, original + "service {\n  name = \"added-on-reload\"\n  port = 7001\n}\n");

            var run = await Agent.RunCliAsync(["reload"], []);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal($"Configuration reload triggered{Environment.NewLine}", run.StdOut);
            var added = await Http.GetReplyAsync("v1/agent/service/added-on-reload");
            Assert.True(added.Status == HttpStatusCode.OK, added.Body);
        }
        finally
        {
            await File.WriteAllTextAsync(path, original);
            Assert.Equal(0, (await Agent.RunCliAsync(["reload"], [])).ExitCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync("v1/agent/service/added-on-reload")).Status);
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
}
