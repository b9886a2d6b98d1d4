using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Infrastructure;

/// <summary>
/// Base of the tests that use a shared agent: gives each test a unique key prefix and, when the test ends,
/// copies what the agent printed during the test into the test output (shown when the test fails).
/// </summary>
/// <remarks>xunit creates one instance per test; not shared between threads.</remarks>
public abstract class AgentTest : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly long _mark;

    protected AgentTest(AgentFixture fixture, ITestOutputHelper output)
    {
        Fixture = fixture;
        _output = output;
        _mark = fixture.Agent.Log.Mark();
        Prefix = $"{GetType().Name}/{Guid.NewGuid():N}";
    }

    protected AgentFixture Fixture { get; }

    protected TrellisAgent Agent => Fixture.Agent;

    protected HttpClient Http => Fixture.Http;

    /// <summary>A key prefix no other test uses (no leading or trailing slash).</summary>
    protected string Prefix { get; }

    /// <summary>Writes a line to the test output.</summary>
    protected void Note(string line) => _output.WriteLine(line);

    public void Dispose()
    {
        foreach (var line in Agent.Log.Since(_mark))
        {
            _output.WriteLine(line);
        }

        GC.SuppressFinalize(this);
    }
}
