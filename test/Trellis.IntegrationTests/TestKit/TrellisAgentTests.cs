using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.TestKit;

/// <summary>TestKit's process handling against the real binary: start, stop, kill, restart, cleanup.</summary>
public sealed class TrellisAgentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DisposeAsync_RunningAgent_KillsProcessAndDeletesTempDir()
    {
        var agent = await TrellisAgent.StartAsync(AgentOptions.ServerBootstrap());
        var scratch = agent.ScratchDir;
        Assert.False(agent.HasExited);
        Assert.True(Directory.Exists(agent.DataDir));

        await agent.DisposeAsync();

        Assert.True(agent.HasExited);
        Assert.False(Directory.Exists(scratch));
        Dump(agent);
    }

    [Fact]
    public async Task StopThenRestart_SameDataDir_ComesBackWithLeader()
    {
        await using var agent = await TrellisAgent.StartAsync(AgentOptions.ServerBootstrap());
        try
        {
            await agent.StopAsync();
            Assert.True(agent.HasExited);

            await agent.RestartAsync();

            Assert.False(agent.HasExited);
        }
        finally
        {
            Dump(agent);
        }
    }

    [Fact]
    public async Task StartAsync_AgentThatCannotStart_ThrowsWithItsOutput()
    {
        var options = AgentOptions.DevMode() with { ExtraArgs = ["-no-such-flag-exists"], StartTimeout = TimeSpan.FromSeconds(20) };

        var error = await Assert.ThrowsAsync<AgentStartException>(() => TrellisAgent.StartAsync(options));

        output.WriteLine(error.Message);
        Assert.Contains("exited", error.Message, StringComparison.Ordinal);
    }

    private void Dump(TrellisAgent agent)
    {
        foreach (var line in agent.Log.Since(0))
        {
            output.WriteLine(line);
        }
    }
}
