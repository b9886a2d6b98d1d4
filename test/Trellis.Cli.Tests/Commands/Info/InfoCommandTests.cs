using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Info;

public sealed class InfoCommandTests
{
    [Fact]
    public async Task Run_Stats_PrintsSortedSectionsAndKeys()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) =>
            """{"Config":{},"Stats":{"raft":{"state":"Leader","applied_index":"12"},"agent":{"services":"0","checks":"1"}}}""");
        var run = await CliRun.AgainstAsync(agent, "info");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("agent:\n\tchecks = 1\n\tservices = 0\nraft:\n\tapplied_index = 12\n\tstate = Leader\n", run.Out);
        Assert.Equal("/v1/agent/self", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Run_NoStats_ReportsMissingKey()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => """{"Config":{}}""");
        var run = await CliRun.AgainstAsync(agent, "info");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Agent response did not contain 'Stats' key", run.Error);
    }
}
