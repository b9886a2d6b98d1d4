using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Agent;

/// <summary>
/// The agent's local state across its own lifecycle, each test with its own agent: anti-entropy repairs a catalog
/// that drifted, config-file services appear, SIGHUP and <c>/v1/agent/reload</c> apply changed files while unchanged
/// checks keep their status, and API registrations survive a restart.
/// </summary>
public sealed class AgentLifecycleTests(ITestOutputHelper output)
{
    private static async Task<bool> InCatalogAsync(HttpClient http, string service) =>
        (await http.GetReplyAsync($"v1/catalog/service/{service}")).Json().GetArrayLength() == 1;

    private static async Task<string?> CheckStatusAsync(HttpClient http, string checkId)
    {
        var checks = (await http.GetReplyAsync("v1/agent/checks")).Json();
        return checks.TryGetProperty(checkId, out var c) ? c.GetProperty("Status").GetString() : null;
    }

    private Task RunAsync(AgentOptions options, Func<TrellisAgent, HttpClient, Task> body) => OwnAgent.RunAsync(options, output, body);

    [Fact]
    public async Task AntiEntropy_ServiceDeletedThroughCatalog_ComesBack()
    {
        await RunAsync(AgentOptions.DevMode() with { Hcl = ["ae_interval = \"2s\""] }, async (agent, http) =>
        {
            await http.PutJsonAsync("v1/agent/service/register", new { Name = "drift", Check = new { TTL = "60s", Status = "passing" } });
            Assert.True(await InCatalogAsync(http, "drift"));

            var deregister = await http.PutJsonAsync("v1/catalog/deregister", new { Node = agent.NodeName, ServiceID = "drift" });
            Assert.Equal(HttpStatusCode.OK, deregister.Status);
            Assert.False(await InCatalogAsync(http, "drift"));

            Assert.True(await Eventually.HoldsAsync(() => InCatalogAsync(http, "drift")), "anti-entropy did not restore the service");
            var check = (await http.GetReplyAsync("v1/health/checks/drift")).Json()[0];
            Assert.Equal("passing", check.GetProperty("Status").GetString());
        });
    }

    [Fact]
    public async Task AntiEntropy_CatalogOnlyServiceOnAgentNode_Removed()
    {
        await RunAsync(AgentOptions.DevMode() with { Hcl = ["ae_interval = \"2s\""] }, async (agent, http) =>
        {
            await http.PutJsonAsync("v1/catalog/register", new { Node = agent.NodeName, Address = agent.Address.ToString(), Service = new { Service = "stray" } });
            Assert.True(await InCatalogAsync(http, "stray"));

            Assert.True(await Eventually.HoldsAsync(async () => !await InCatalogAsync(http, "stray")), "anti-entropy kept a service the agent does not have");
            Assert.True(await InCatalogAsync(http, "consul"), "the server's own service must stay");
        });
    }

    [Fact]
    public async Task ConfigFile_ServicesAppear_ReloadBySighupAndEndpoint_KeepsUnchangedChecks()
    {
        const string first = """
            service {
              name = "keep"
              check { id = "keep-ttl", ttl = "10m" }
            }
            service {
              name = "drop"
              port = 1
            }
            """;
        const string second = """
            service {
              name = "keep"
              check { id = "keep-ttl", ttl = "10m" }
            }
            service {
              name = "added"
              port = 2
            }
            """;
        var options = AgentOptions.DevMode() with { ConfigFiles = new Dictionary<string, string> { ["services.hcl"] = first } };
        await RunAsync(options, async (agent, http) =>
        {
            var path = Path.Combine(agent.ScratchDir, "config", "services.hcl");
            Assert.True(await Eventually.HoldsAsync(async () => await InCatalogAsync(http, "keep") && await InCatalogAsync(http, "drop")), "config services not in the catalog");
            Assert.Equal("critical", await CheckStatusAsync(http, "keep-ttl"));
            Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/agent/check/pass/keep-ttl?note=still-here", "")).Status);

            // SIGHUP: "drop" goes, "added" comes, "keep" and its check's status stay.
            await File.WriteAllTextAsync(path, second);
            agent.Hangup();
            Assert.True(await Eventually.HoldsAsync(async () => await InCatalogAsync(http, "added") && !await InCatalogAsync(http, "drop")), "SIGHUP did not apply the file");
            Assert.Equal("passing", await CheckStatusAsync(http, "keep-ttl"));
            Assert.True(await InCatalogAsync(http, "keep"));

            // /v1/agent/reload: applied before the request returns.
            await File.WriteAllTextAsync(path, second.Replace("added", "added-later", StringComparison.Ordinal));
            var reload = await http.PutReplyAsync("v1/agent/reload", "");
            Assert.True(reload.Status == HttpStatusCode.OK, reload.ToString());
            Assert.True(await InCatalogAsync(http, "added-later"));
            Assert.False(await InCatalogAsync(http, "added"));
            Assert.Equal("passing", await CheckStatusAsync(http, "keep-ttl"));
            var output = (await http.GetReplyAsync("v1/agent/checks")).Json().GetProperty("keep-ttl").GetProperty("Output").GetString();
            Assert.Equal("still-here", output);
        });
    }

    [Fact]
    public async Task Reload_BrokenFile_400AndNothingChanges()
    {
        var options = AgentOptions.DevMode() with { ConfigFiles = new Dictionary<string, string> { ["s.hcl"] = "service { name = \"fine\" }" } };
        await RunAsync(options, async (agent, http) =>
        {
            await File.WriteAllTextAsync(Path.Combine(agent.ScratchDir, "config", "s.hcl"), "service { name = \"other\"\n check { http = \"http://x\" } }");

            var reload = await http.PutReplyAsync("v1/agent/reload", "");

            Assert.Equal(HttpStatusCode.BadRequest, reload.Status);
            Assert.Contains("Invalid check: Interval must be > 0", reload.Body, StringComparison.Ordinal);
            Assert.True((await http.GetReplyAsync("v1/agent/services")).Json().TryGetProperty("fine", out _));
        });
    }

    [Fact]
    public async Task ApiRegistrations_SurviveRestart_ConfigOnesAreNotPersisted()
    {
        await RunAsync(AgentOptions.ServerBootstrap(), async (agent, http) =>
        {
            await http.PutJsonAsync("v1/agent/service/register", new { Name = "persisted", Port = 7000, Check = new { CheckID = "persisted-ttl", TTL = "10m" } });
            await http.PutJsonAsync("v1/agent/check/register", new { Name = "node-check", TTL = "10m" });
            await http.PutJsonAsync("v1/agent/service/register", new { Name = "removed" });
            await http.PutReplyAsync("v1/agent/service/deregister/removed", "");
            await http.PutReplyAsync("v1/agent/check/pass/persisted-ttl?note=before-restart", "");

            await agent.StopAsync();
            await agent.RestartAsync();

            var services = (await http.GetReplyAsync("v1/agent/services")).Json();
            Assert.Equal(7000, services.GetProperty("persisted").GetProperty("Port").GetInt32());
            Assert.False(services.TryGetProperty("removed", out _));
            Assert.Equal("passing", await CheckStatusAsync(http, "persisted-ttl")); // TTL state restored while not expired
            Assert.NotNull(await CheckStatusAsync(http, "node-check"));
            Assert.True(await Eventually.HoldsAsync(() => InCatalogAsync(http, "persisted")));
            Assert.True(await Eventually.HoldsAsync(async () => !await InCatalogAsync(http, "removed")));
        });
    }

    [Fact]
    public async Task EnableScriptChecks_ScriptCheckFromApi_RunsAndFollowsExitCode()
    {
        await RunAsync(AgentOptions.DevMode() with { Hcl = ["enable_script_checks = true", "check_update_interval = \"0s\""] }, async (agent, http) =>
        {
            var flag = Path.Combine(agent.ScratchDir, "healthy");
            await File.WriteAllTextAsync(flag, "");
            var register = await http.PutJsonAsync("v1/agent/check/register", new
            {
                Name = "script",
                Args = new[] { "/bin/sh", "-c", $"test -f {flag} && echo up || {{ echo down; exit 2; }}" },
                Interval = "1s",
            });
            Assert.True(register.Status == HttpStatusCode.OK, register.ToString());

            Assert.True(await Eventually.HoldsAsync(async () => await CheckStatusAsync(http, "script") == "passing"));
            File.Delete(flag);
            Assert.True(await Eventually.HoldsAsync(async () => await CheckStatusAsync(http, "script") == "critical"));
            var node = (await http.GetReplyAsync($"v1/health/node/{agent.NodeName}")).Json().EnumerateArray()
                .Single(c => c.GetProperty("CheckID").GetString() == "script");
            Assert.Equal("down", node.GetProperty("Output").GetString()!.Trim());
        });
    }
}
