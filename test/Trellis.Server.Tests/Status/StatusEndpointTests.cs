using Trellis.Server.Tests.Testing;

namespace Trellis.Server.Tests.Status;

public sealed class StatusEndpointTests
{
    [Fact]
    public async Task LeaderAsync_LeaderAndNoLeader_ReturnsAddressOrEmpty()
    {
        await using var f = new ServerFixture();

        Assert.Equal(InProcessRaftNode.Address, await f.Rpc.Status.LeaderAsync(default));
        f.Raft.LoseLeadership();
        Assert.Equal("", await f.Rpc.Status.LeaderAsync(default));
    }

    [Fact]
    public async Task PeersAsync_OneVoter_ReturnsItsAddress()
    {
        await using var f = new ServerFixture();

        Assert.Equal([InProcessRaftNode.Address], await f.Rpc.Status.PeersAsync(default));
    }
}
