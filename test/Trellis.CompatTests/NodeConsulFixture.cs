using Trellis.TestKit;

namespace Trellis.CompatTests;

/// <summary>One real dev agent shared by the npm-client tests, plus where the node scripts live.</summary>
/// <remarks>Created and disposed once per test class by xunit.</remarks>
public sealed class NodeConsulFixture : IAsyncLifetime
{
    private TrellisAgent? _agent;

    public TrellisAgent Agent => _agent ?? throw new InvalidOperationException("agent not started");

    /// <summary>test/Trellis.CompatTests/js in the repository.</summary>
    public static string ScriptDir => Path.Combine(RepoLayout.RepoRoot, "test", "Trellis.CompatTests", "js");

    public async Task InitializeAsync() => _agent = await TrellisAgent.StartAsync(AgentOptions.DevMode());

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
    }
}
