using Trellis.TestKit;

namespace Trellis.IntegrationTests.Infrastructure;

/// <summary>A dev agent whose <c>session_ttl_min</c> is 1 s, so TTL expiry can be observed quickly.</summary>
/// <remarks>See <see cref="AgentFixture"/>.</remarks>
public sealed class SessionAgentFixture : AgentFixture
{
    protected override AgentOptions Options => AgentOptions.DevMode() with { Hcl = ["session_ttl_min = \"1s\""] };
}
