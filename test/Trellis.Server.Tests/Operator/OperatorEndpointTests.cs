using Trellis.Core.Errors;
using Trellis.Core.Queries;
using Trellis.Server.Tests.Testing;

namespace Trellis.Server.Tests.Operator;

public sealed class OperatorEndpointTests
{
    [Fact]
    public async Task RaftConfigurationAsync_Leader_ReturnsServers()
    {
        await using var f = new ServerFixture();

        var config = await f.Rpc.Operator.RaftConfigurationAsync(QueryOptions.Default, default);

        Assert.True(Assert.Single(config.Servers).Leader);
    }

    [Fact]
    public async Task RaftConfigurationAsync_NoLeaderDefaultConsistency_ThrowsNoLeader()
    {
        await using var f = new ServerFixture(leader: false);

        await Assert.ThrowsAsync<NoLeaderException>(() => f.Rpc.Operator.RaftConfigurationAsync(QueryOptions.Default, default));
    }
}
