using Trellis.Agent.Checks;
using Trellis.Agent.Local;

namespace Trellis.Agent.Tests.Local;

/// <summary>Builds local agents over an <see cref="InMemoryCatalog"/> for the tests of this folder.</summary>
internal static class LocalTestKit
{
    public static readonly AgentIdentity Identity = new()
    {
        NodeName = "node1",
        NodeId = "8a3f2b7c-0a1b-4c2d-9e8f-0123456789ab",
        AdvertiseAddr = "127.0.0.1",
    };

    public static LocalAgent Create(InMemoryCatalog catalog, LocalAgentOptions? options = null) =>
        new(Identity, catalog, (options ?? new LocalAgentOptions()) with
        {
            Checks = (options?.Checks ?? new CheckRunnerOptions()) with { InitialStagger = false, MinInterval = TimeSpan.FromMilliseconds(50) },
        });

    /// <summary>Polls <paramref name="condition"/> every 20 ms for at most 10 s.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }
}
