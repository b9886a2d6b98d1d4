using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Operator;

public sealed class AutopilotGetConfigCommandTests
{
    private const string Defaults = """
        {"CleanupDeadServers":true,"LastContactThreshold":"200ms","MaxTrailingLogs":250,"MinQuorum":0,
         "ServerStabilizationTime":"10s","RedundancyZoneTag":"","DisableUpgradeMigration":false,
         "UpgradeVersionTag":"","CreateIndex":5,"ModifyIndex":5}
        """;

    [Fact]
    public async Task Run_DefaultConfiguration_PrintsConsulLines()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => Defaults);
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "get-config");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "CleanupDeadServers = true\n" +
            "LastContactThreshold = 200ms\n" +
            "MaxTrailingLogs = 250\n" +
            "MinQuorum = 0\n" +
            "ServerStabilizationTime = 10s\n" +
            "RedundancyZoneTag = \"\"\n" +
            "DisableUpgradeMigration = false\n" +
            "UpgradeVersionTag = \"\"\n", run.Out);
        Assert.Equal("", run.Error);
        Assert.Equal("GET /v1/operator/autopilot/configuration",
            $"{agent.Requests.Single().Method} {agent.Requests.Single().PathAndQuery}");
    }

    [Fact]
    public async Task Run_ChangedConfiguration_PrintsGoDurationsAndQuotedTags()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => """
            {"CleanupDeadServers":false,"LastContactThreshold":"1000ms","MaxTrailingLogs":12,"MinQuorum":5,
             "ServerStabilizationTime":"90s","RedundancyZoneTag":"az \"1\"","DisableUpgradeMigration":true,
             "UpgradeVersionTag":"build","CreateIndex":5,"ModifyIndex":9}
            """);
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "get-config", "-stale");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "CleanupDeadServers = false\n" +
            "LastContactThreshold = 1s\n" +
            "MaxTrailingLogs = 12\n" +
            "MinQuorum = 5\n" +
            "ServerStabilizationTime = 1m30s\n" +
            "RedundancyZoneTag = \"az \\\"1\\\"\"\n" +
            "DisableUpgradeMigration = true\n" +
            "UpgradeVersionTag = \"build\"\n", run.Out);
        Assert.Equal("/v1/operator/autopilot/configuration?stale", agent.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Run_AgentError_ReportsConsulErrorExit1()
    {
        await using var agent = await FakeAgent.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 500;
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "No cluster leader");
        });
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "get-config");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("Error querying Autopilot configuration: Unexpected response code: 500 (No cluster leader)\n", run.Error);
    }

    [Fact]
    public async Task Run_UnknownFlag_PrintsGoErrorAndUsageExit1()
    {
        var run = await CliRun.RunAsync(["operator", "autopilot", "get-config", "-bogus"]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("flag provided but not defined: -bogus\nUsage: trellis operator autopilot get-config", run.Error);
        Assert.Contains("-stale", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_PrintsUsageExit0()
    {
        var run = await CliRun.RunAsync(["operator", "autopilot", "get-config", "-h"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Displays the current Autopilot configuration.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parent_NoSubcommand_ListsSubcommandsExit1()
    {
        var run = await CliRun.RunAsync(["operator", "autopilot"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "Usage: trellis operator autopilot <subcommand> [options] [args]\n\nSubcommands:\n" +
            "    get-config    Display the current Autopilot configuration\n" +
            "    set-config    Modify the current Autopilot configuration\n" +
            "    state         Display the current Autopilot state\n", run.Error);
    }

    [Fact]
    public async Task Operator_NoSubcommand_ListsAutopilot()
    {
        var run = await CliRun.RunAsync(["operator"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("    autopilot    Provides tools for modifying Autopilot configuration\n", run.Error, StringComparison.Ordinal);
    }
}
