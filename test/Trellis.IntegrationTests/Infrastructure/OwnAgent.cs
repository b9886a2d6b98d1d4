using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Infrastructure;

/// <summary>
/// A test's own agent process (not a shared fixture): started with the given options, handed to the test body with an
/// HTTP client, its log written to the test output whatever happened, and stopped afterwards.
/// </summary>
public static class OwnAgent
{
    public static async Task RunAsync(AgentOptions options, ITestOutputHelper output, Func<TrellisAgent, HttpClient, Task> body)
    {
        await using var agent = await TrellisAgent.StartAsync(options);
        try
        {
            using var http = agent.CreateHttpClient();
            await body(agent, http);
        }
        finally
        {
            foreach (var line in agent.Log.Since(0))
            {
                output.WriteLine(line);
            }
        }
    }
}
