using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Reload;

public sealed class ReloadCommandTests
{
    [Fact]
    public async Task Run_Agent_PutsReloadAndReports()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "");
        var run = await CliRun.AgainstAsync(agent, "reload");
        Assert.Equal((0, "Configuration reload triggered\n"), (run.ExitCode, run.Out));
        var request = Assert.Single(agent.Requests);
        Assert.Equal(("PUT", "/v1/agent/reload"), (request.Method, request.PathAndQuery));
    }

    [Fact]
    public async Task Run_AgentFails_ReportsError()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "reload");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error reloading: Unexpected response code: 404 ()\n", run.Error);
    }
}
