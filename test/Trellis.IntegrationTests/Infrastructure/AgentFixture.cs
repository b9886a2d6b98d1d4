using Trellis.TestKit;

namespace Trellis.IntegrationTests.Infrastructure;

/// <summary>
/// One real agent shared by the tests of a class (xunit <c>IClassFixture</c>); tests isolate themselves with
/// distinct key prefixes. Subclasses pick the agent's options.
/// </summary>
/// <remarks>xunit creates and disposes it once per class; the tests of a class run one at a time.</remarks>
public class AgentFixture : IAsyncLifetime
{
    private TrellisAgent? _agent;
    private HttpClient? _http;

    public TrellisAgent Agent => _agent ?? throw new InvalidOperationException("agent not started");

    /// <summary>A client for the agent's HTTP API (30 s timeout per request).</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("agent not started");

    protected virtual AgentOptions Options => AgentOptions.DevMode();

    public async Task InitializeAsync()
    {
        _agent = await TrellisAgent.StartAsync(Options);
        _http = _agent.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
    }
}
