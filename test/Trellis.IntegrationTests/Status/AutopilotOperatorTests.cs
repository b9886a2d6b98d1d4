using System.Net;
using System.Text.Json;
using Trellis.IntegrationTests.Agent;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Status;

/// <summary>
/// /v1/operator/autopilot/{configuration,health,state} against real agents: the leader writes the agent's autopilot
/// block when the cluster has none, writes honour cas, the settings survive a restart, bad input is a 400.
/// </summary>
public sealed class AutopilotOperatorTests(ITestOutputHelper output)
{
    private Task RunAsync(AgentOptions options, Func<TrellisAgent, HttpClient, Task> body) => OwnAgent.RunAsync(options, output, body);

    private static async Task<JsonElement> ConfigurationAsync(HttpClient http)
    {
        var reply = await http.GetReplyAsync("v1/operator/autopilot/configuration");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Json();
    }

    [Fact]
    public async Task Configuration_FromTheAgentBlock_WrittenByTheLeaderAndChangedOnlyWithTheRightCas()
    {
        const string block = """
            autopilot {
              max_trailing_logs      = 100
              last_contact_threshold = "1s"
              cleanup_dead_servers   = false
            }
            """;
        var options = AgentOptions.DevMode() with { ConfigFiles = new Dictionary<string, string> { ["autopilot.hcl"] = block } };
        await RunAsync(options, async (_, http) =>
        {
            JsonElement initial = default;
            Assert.True(await Eventually.HoldsAsync(async () => (initial = await ConfigurationAsync(http)).GetProperty("ModifyIndex").GetUInt64() > 0),
                "the leader did not write the autopilot settings");
            Assert.Equal(100UL, initial.GetProperty("MaxTrailingLogs").GetUInt64());
            Assert.Equal("1s", initial.GetProperty("LastContactThreshold").GetString());
            Assert.False(initial.GetProperty("CleanupDeadServers").GetBoolean());
            Assert.Equal("10s", initial.GetProperty("ServerStabilizationTime").GetString());
            var index = initial.GetProperty("ModifyIndex").GetUInt64();

            var stale = await http.PutJsonAsync($"v1/operator/autopilot/configuration?cas={index + 50}", new { CleanupDeadServers = true, MaxTrailingLogs = 7 });
            Assert.Equal("false", stale.Body.Trim());
            Assert.Equal(100UL, (await ConfigurationAsync(http)).GetProperty("MaxTrailingLogs").GetUInt64());

            var written = await http.PutJsonAsync($"v1/operator/autopilot/configuration?cas={index}", new
            {
                CleanupDeadServers = true,
                MaxTrailingLogs = 7,
                LastContactThreshold = "1500ms",
                ServerStabilizationTime = "0.5m",
            });
            Assert.Equal("true", written.Body.Trim());
            var after = await ConfigurationAsync(http);
            Assert.Equal(7UL, after.GetProperty("MaxTrailingLogs").GetUInt64());
            Assert.Equal("1.5s", after.GetProperty("LastContactThreshold").GetString());
            Assert.Equal("30s", after.GetProperty("ServerStabilizationTime").GetString());
            Assert.True(after.GetProperty("ModifyIndex").GetUInt64() > index);
            Assert.Equal(initial.GetProperty("CreateIndex").GetUInt64(), after.GetProperty("CreateIndex").GetUInt64());

            // Consul compat: a field left out of the body is its zero value, not the default.
            Assert.Equal("true", (await http.PutJsonAsync("v1/operator/autopilot/configuration", new { MinQuorum = 3 })).Body.Trim());
            var zeroed = await ConfigurationAsync(http);
            Assert.Equal((3U, 0UL, false, "0s"), (zeroed.GetProperty("MinQuorum").GetUInt32(), zeroed.GetProperty("MaxTrailingLogs").GetUInt64(),
                zeroed.GetProperty("CleanupDeadServers").GetBoolean(), zeroed.GetProperty("LastContactThreshold").GetString()));
        });
    }

    [Fact]
    public async Task Configuration_BadDurationOrCas_Is400AndChangesNothing()
    {
        await RunAsync(AgentOptions.DevMode(), async (_, http) =>
        {
            Assert.True(await Eventually.HoldsAsync(async () => (await ConfigurationAsync(http)).GetProperty("ModifyIndex").GetUInt64() > 0));
            var before = (await ConfigurationAsync(http)).GetRawText();

            var badDuration = await http.PutJsonAsync("v1/operator/autopilot/configuration", new { LastContactThreshold = "soon" });
            Assert.Equal(HttpStatusCode.BadRequest, badDuration.Status);
            Assert.Equal("Error parsing autopilot config: time: invalid duration \"soon\"", badDuration.Body.Trim());

            var badCas = await http.PutJsonAsync("v1/operator/autopilot/configuration?cas=x", new { MaxTrailingLogs = 1 });
            Assert.Equal(HttpStatusCode.BadRequest, badCas.Status);
            Assert.Equal("Error parsing cas value: strconv.ParseUint: parsing \"x\": invalid syntax", badCas.Body.Trim());

            var notJson = await http.PutReplyAsync("v1/operator/autopilot/configuration", "{not json");
            Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
            Assert.StartsWith("Error parsing autopilot config: ", notJson.Body, StringComparison.Ordinal);

            Assert.Equal(before, (await ConfigurationAsync(http)).GetRawText());
        });
    }

    [Fact]
    public async Task Configuration_WrittenSettings_SurviveKillAndRestart()
    {
        await RunAsync(AgentOptions.ServerBootstrap(), async (agent, http) =>
        {
            Assert.True(await Eventually.HoldsAsync(async () => (await ConfigurationAsync(http)).GetProperty("ModifyIndex").GetUInt64() > 0));
            Assert.Equal("true", (await http.PutJsonAsync("v1/operator/autopilot/configuration", new
            {
                CleanupDeadServers = true,
                MaxTrailingLogs = 42,
                LastContactThreshold = "300ms",
                ServerStabilizationTime = "20s",
            })).Body.Trim());

            agent.Kill();
            await agent.RestartAsync();
            await agent.WaitForLeaderAsync(TimeSpan.FromSeconds(30));

            // The restarted leader finds settings already stored and keeps them (it does not rewrite its defaults).
            var after = await ConfigurationAsync(http);
            Assert.Equal((42UL, "300ms", "20s"), (after.GetProperty("MaxTrailingLogs").GetUInt64(), after.GetProperty("LastContactThreshold").GetString(),
                after.GetProperty("ServerStabilizationTime").GetString()));
        });
    }

    [Fact]
    public async Task HealthAndState_SingleServer_HealthyLeaderVoterWithNoFailureTolerance()
    {
        await RunAsync(AgentOptions.DevMode(), async (agent, http) =>
        {
            var health = await http.GetReplyAsync("v1/operator/autopilot/health");
            Assert.True(health.Status == HttpStatusCode.OK, health.ToString());
            var body = health.Json();
            Assert.True(body.GetProperty("Healthy").GetBoolean());
            Assert.Equal(0, body.GetProperty("FailureTolerance").GetInt32());
            var server = Assert.Single(body.GetProperty("Servers").EnumerateArray());
            Assert.Equal(agent.NodeName, server.GetProperty("Name").GetString());
            Assert.Equal(agent.ServerAddr, server.GetProperty("Address").GetString());
            Assert.True(server.GetProperty("Leader").GetBoolean());
            Assert.True(server.GetProperty("Voter").GetBoolean());
            Assert.True(server.GetProperty("Healthy").GetBoolean());
            Assert.Equal("alive", server.GetProperty("SerfStatus").GetString());
            Assert.Equal("0s", server.GetProperty("LastContact").GetString());
            Assert.True(server.GetProperty("LastIndex").GetUInt64() > 0);
            Assert.True(server.GetProperty("LastTerm").GetUInt64() > 0);
            Assert.EndsWith("Z", server.GetProperty("StableSince").GetString(), StringComparison.Ordinal);

            var state = (await http.GetReplyAsync("v1/operator/autopilot/state")).Json();
            var id = server.GetProperty("ID").GetString()!;
            Assert.Equal(id, state.GetProperty("Leader").GetString());
            Assert.Equal([id], state.GetProperty("Voters").EnumerateArray().Select(v => v.GetString()));
            var mine = state.GetProperty("Servers").GetProperty(id);
            Assert.Equal(("leader", "voter", "alive"), (mine.GetProperty("Status").GetString(), mine.GetProperty("NodeType").GetString(), mine.GetProperty("NodeStatus").GetString()));
            Assert.True(state.GetProperty("Healthy").GetBoolean());
        });
    }

    [Fact]
    public async Task CliVerbs_AgainstARealAgent_ReadWriteAndShowTheSettingsAndState()
    {
        await RunAsync(AgentOptions.DevMode(), async (agent, http) =>
        {
            Assert.True(await Eventually.HoldsAsync(async () => (await ConfigurationAsync(http)).GetProperty("ModifyIndex").GetUInt64() > 0));
            string[] addr = ["-http-addr=" + agent.HttpAddr];

            var set = await ProcessRunner.RunTrellisAsync(["operator", "autopilot", "set-config", .. addr, "-max-trailing-logs=42", "-last-contact-threshold=750ms"], TimeSpan.FromSeconds(60));
            Assert.True(set.ExitCode == 0, set.ToString());
            Assert.Contains("Configuration updated!", set.StdOut, StringComparison.Ordinal);

            var get = await ProcessRunner.RunTrellisAsync(["operator", "autopilot", "get-config", .. addr], TimeSpan.FromSeconds(60));
            Assert.True(get.ExitCode == 0, get.ToString());
            Assert.Contains("MaxTrailingLogs = 42", get.StdOut, StringComparison.Ordinal);
            Assert.Contains("LastContactThreshold = 750ms", get.StdOut, StringComparison.Ordinal);
            Assert.Contains("CleanupDeadServers = true", get.StdOut, StringComparison.Ordinal);

            var state = await ProcessRunner.RunTrellisAsync(["operator", "autopilot", "state", .. addr, "-format=json"], TimeSpan.FromSeconds(60));
            Assert.True(state.ExitCode == 0, state.ToString());
            using var doc = JsonDocument.Parse(state.StdOut);
            Assert.True(doc.RootElement.GetProperty("Healthy").GetBoolean());
            Assert.Single(doc.RootElement.GetProperty("Voters").EnumerateArray());
        });
    }
}
