using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Leave;

public sealed class LeaveCommandTests
{
    [Fact]
    public async Task Run_Agent_PutsLeaveAndReports()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "");
        var run = await CliRun.AgainstAsync(agent, "leave");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Graceful leave complete\n", run.Out);
        var request = Assert.Single(agent.Requests);
        Assert.Equal(("PUT", "/v1/agent/leave"), (request.Method, request.PathAndQuery));
    }

    [Fact]
    public async Task Run_ExtraArguments_Fails()
    {
        var run = await CliRun.RunAsync(["leave", "now"]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error found unexpected args: [now]", run.Error);
    }

    [Fact]
    public async Task Run_AgentRefuses_ReportsError()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "leave");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error leaving: Unexpected response code: 404 ()\n", run.Error);
    }
}
