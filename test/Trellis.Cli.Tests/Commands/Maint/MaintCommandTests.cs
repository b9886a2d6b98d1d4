using Trellis.Cli.Commands.Maint;
using Trellis.Cli.Tests.TestSupport;
using Trellis.Core.Catalog;

namespace Trellis.Cli.Tests.Commands.Maint;

public sealed class MaintCommandTests
{
    private const string Self = """{"Config":{"NodeName":"node-1"},"Member":{}}""";

    private const string Checks = """
        {
          "serfHealth":{"Node":"node-1","CheckID":"serfHealth","Status":"passing"},
          "_service_maintenance:web-1":{"Node":"node-1","CheckID":"_service_maintenance:web-1","Status":"critical","Notes":"deploying","ServiceID":"web-1"},
          "_node_maintenance":{"Node":"node-1","CheckID":"_node_maintenance","Status":"critical","Notes":"patching"}
        }
        """;

    [Fact]
    public async Task Run_NoFlags_ListsNodeAndServiceMaintenance()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, path) => path.StartsWith("/v1/agent/self", StringComparison.Ordinal) ? Self : Checks);
        var run = await CliRun.AgainstAsync(agent, "maint");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "Node:\n  Name:   node-1\n  Reason: patching\n\n" +
            "Service:\n  ID:     web-1\n  Reason: deploying\n\n", run.Out);
        Assert.Equal(["/v1/agent/self", "/v1/agent/checks"], agent.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Run_NothingInMaintenance_PrintsNothing()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, path) => path.StartsWith("/v1/agent/self", StringComparison.Ordinal) ? Self : "{}");
        var run = await CliRun.AgainstAsync(agent, "maint");
        Assert.Equal((0, ""), (run.ExitCode, run.Out));
    }

    [Theory]
    [InlineData(new[] { "-enable", "-reason=patch day" }, "/v1/agent/maintenance?enable=true&reason=patch%20day", "Node maintenance is now enabled\n")]
    [InlineData(new[] { "-disable" }, "/v1/agent/maintenance?enable=false", "Node maintenance is now disabled\n")]
    [InlineData(new[] { "-enable", "-service=web-1" }, "/v1/agent/service/maintenance/web-1?enable=true&reason=", "Service maintenance is now enabled for \"web-1\"\n")]
    [InlineData(new[] { "-disable", "-service=web-1" }, "/v1/agent/service/maintenance/web-1?enable=false", "Service maintenance is now disabled for \"web-1\"\n")]
    public async Task Run_EnableDisable_PutsAndReports(string[] flags, string path, string output)
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, p) => p.StartsWith("/v1/agent/self", StringComparison.Ordinal) ? Self : "");
        var run = await CliRun.AgainstAsync(agent, ["maint", .. flags]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(output, run.Out);
        var put = agent.Requests.Last();
        Assert.Equal(("PUT", path), (put.Method, put.PathAndQuery));
    }

    [Theory]
    [InlineData(new[] { "-enable", "-disable" }, "Only one of -enable or -disable may be provided")]
    [InlineData(new[] { "-reason=x" }, "Reason may only be provided with -enable")]
    [InlineData(new[] { "-service=web" }, "Service requires either -enable or -disable")]
    public async Task Run_ConflictingFlags_FailsWithConsulMessage(string[] flags, string message)
    {
        var run = await CliRun.RunAsync(["maint", .. flags]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(message + "\n", run.Error);
    }

    [Fact]
    public async Task Run_UnknownService_ReportsAgentError()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, p) => p.StartsWith("/v1/agent/self", StringComparison.Ordinal) ? Self : null);
        var run = await CliRun.AgainstAsync(agent, "maint", "-enable", "-service=ghost");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error enabling service maintenance: Unexpected response code: 404", run.Error);
    }

    [Fact]
    public void FormatList_OtherChecks_Ignored()
    {
        Assert.Equal("", MaintCommand.FormatList("n", [new HealthCheck { CheckID = "serfHealth", Notes = "x" }]));
    }
}
