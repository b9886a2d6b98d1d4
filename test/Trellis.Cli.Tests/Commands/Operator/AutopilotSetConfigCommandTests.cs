using System.Text.Json;
using Trellis.Cli.Commands.Operator;
using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Operator;

public sealed class AutopilotSetConfigCommandTests
{
    private const string Current = """
        {"CleanupDeadServers":false,"LastContactThreshold":"250ms","MaxTrailingLogs":250,"MinQuorum":2,
         "ServerStabilizationTime":"10s","RedundancyZoneTag":"zone","DisableUpgradeMigration":true,
         "UpgradeVersionTag":"build","CreateIndex":5,"ModifyIndex":17}
        """;

    private static Task<FakeAgent> StartAsync(string putAnswer = "true") =>
        FakeAgent.StartJsonAsync((method, _) => method == "PUT" ? putAnswer : Current);

    private static (RecordedRequest Put, JsonElement Body) SinglePut(FakeAgent agent)
    {
        var put = Assert.Single(agent.Requests, r => r.Method == "PUT");
        return (put, JsonDocument.Parse(put.Body).RootElement.Clone());
    }

    [Fact]
    public async Task Run_OneFlag_ChangesOnlyItAndWritesWithCasOfModifyIndex()
    {
        await using var agent = await StartAsync();
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "set-config", "-max-trailing-logs=99");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Configuration updated!\n", run.Out);
        Assert.Equal("", run.Error);
        Assert.Equal(["GET /v1/operator/autopilot/configuration", "PUT /v1/operator/autopilot/configuration?cas=17"],
            agent.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        var (_, body) = SinglePut(agent);
        Assert.Equal(99UL, body.GetProperty("MaxTrailingLogs").GetUInt64());
        // Every flag not given keeps the value read, including false booleans and non-default strings.
        Assert.False(body.GetProperty("CleanupDeadServers").GetBoolean());
        Assert.Equal("250ms", body.GetProperty("LastContactThreshold").GetString());
        Assert.Equal(2U, body.GetProperty("MinQuorum").GetUInt32());
        Assert.Equal("10s", body.GetProperty("ServerStabilizationTime").GetString());
        Assert.Equal("zone", body.GetProperty("RedundancyZoneTag").GetString());
        Assert.True(body.GetProperty("DisableUpgradeMigration").GetBoolean());
        Assert.Equal("build", body.GetProperty("UpgradeVersionTag").GetString());
        Assert.Equal(17UL, body.GetProperty("ModifyIndex").GetUInt64());
    }

    [Fact]
    public async Task Run_EveryFlag_WritesEveryFieldWithGoDurations()
    {
        await using var agent = await StartAsync();
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "set-config",
            "-cleanup-dead-servers=true", "-max-trailing-logs=10", "-min-quorum=5", "-last-contact-threshold=1000ms",
            "-server-stabilization-time=90s", "-redundancy-zone-tag=", "-disable-upgrade-migration=false",
            "-upgrade-version-tag=ver");
        Assert.Equal(0, run.ExitCode);
        var (_, body) = SinglePut(agent);
        Assert.True(body.GetProperty("CleanupDeadServers").GetBoolean());
        Assert.Equal(10UL, body.GetProperty("MaxTrailingLogs").GetUInt64());
        Assert.Equal(5U, body.GetProperty("MinQuorum").GetUInt32());
        Assert.Equal("1s", body.GetProperty("LastContactThreshold").GetString());
        Assert.Equal("1m30s", body.GetProperty("ServerStabilizationTime").GetString());
        Assert.Equal("", body.GetProperty("RedundancyZoneTag").GetString());
        Assert.False(body.GetProperty("DisableUpgradeMigration").GetBoolean());
        Assert.Equal("ver", body.GetProperty("UpgradeVersionTag").GetString());
    }

    [Fact]
    public async Task Run_SpacedAssignments_AreJoinedAsConsulDoes()
    {
        await using var agent = await StartAsync();
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "set-config",
            "-min-quorum", "=", "4", "-cleanup-dead-servers", "true", "-upgrade-version-tag=", "v2",
            "-max-trailing-logs", "=7");
        Assert.Equal(0, run.ExitCode);
        var (_, body) = SinglePut(agent);
        Assert.Equal(4U, body.GetProperty("MinQuorum").GetUInt32());
        Assert.True(body.GetProperty("CleanupDeadServers").GetBoolean());
        Assert.Equal("v2", body.GetProperty("UpgradeVersionTag").GetString());
        Assert.Equal(7UL, body.GetProperty("MaxTrailingLogs").GetUInt64());
    }

    [Fact]
    public async Task Run_CasLost_PrintsRetryTextOnStdoutExit1()
    {
        await using var agent = await StartAsync(putAnswer: "false");
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "set-config", "-min-quorum=3");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Configuration could not be atomically updated, please try again\n", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Run_StaleFlag_ReadIsStillConsistent()
    {
        await using var agent = await StartAsync();
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "set-config", "-stale", "-min-quorum=3");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/operator/autopilot/configuration", agent.Requests.First().PathAndQuery);
    }

    [Fact]
    public async Task Run_ReadFails_ReportsAndDoesNotWrite()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "set-config", "-min-quorum=3");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error querying Autopilot configuration: Unexpected response code: 404 ()\n", run.Error);
        Assert.DoesNotContain(agent.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Run_WriteFails_ReportsSettingError()
    {
        await using var agent = await FakeAgent.StartAsync(async (context, _) =>
        {
            if (context.Request.Method == "PUT")
            {
                context.Response.StatusCode = 403;
                await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "Permission denied");
                return;
            }

            context.Response.ContentType = "application/json";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, Current);
        });
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "set-config", "-min-quorum=3");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("Error setting Autopilot configuration: Unexpected response code: 403 (Permission denied)\n", run.Error);
    }

    [Theory]
    [InlineData("-last-contact-threshold=soon", "invalid value \"soon\" for flag -last-contact-threshold")]
    [InlineData("-max-trailing-logs=-1", "invalid value \"-1\" for flag -max-trailing-logs")]
    [InlineData("-cleanup-dead-servers=maybe", "invalid boolean value \"maybe\" for -cleanup-dead-servers")]
    [InlineData("-min-quorum=4294967296", "invalid value \"4294967296\" for flag -min-quorum")]
    [InlineData("-no-such-flag=1", "flag provided but not defined: -no-such-flag")]
    public async Task Run_BadFlag_ReportsAndSendsNothing(string flag, string error)
    {
        await using var agent = await StartAsync();
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "set-config", flag);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(error, run.Error);
        Assert.Contains("Usage: trellis operator autopilot set-config", run.Error, StringComparison.Ordinal);
        Assert.Empty(agent.Requests);
    }

    [Fact]
    public void NormalizeArguments_AddressesAndEmptyValues_StayAsGiven()
    {
        Assert.Equal(["-http-addr=http://127.0.0.1:8500/", "-redundancy-zone-tag=", "-stale"],
            AutopilotSetConfigCommand.NormalizeArguments(["-http-addr=http://127.0.0.1:8500/", "-redundancy-zone-tag=", "-stale"]));
        Assert.Equal(["-token-file=/etc/token", "-min-quorum=3"],
            AutopilotSetConfigCommand.NormalizeArguments(["-token-file", "/etc/token", "-min-quorum", "3"]));
        Assert.Equal(["-min-quorum=3", "rest", "-x"],
            AutopilotSetConfigCommand.NormalizeArguments(["-min-quorum=3", "rest", "-x"]));
    }
}
