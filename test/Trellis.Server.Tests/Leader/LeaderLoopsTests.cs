using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.Server.Tests.Testing;
using Trellis.State.Commands;

namespace Trellis.Server.Tests.Leader;

public sealed class LeaderLoopsTests
{
    [Fact]
    public async Task LeadershipAcquired_ExistingTtlSessions_ArmsTimers()
    {
        await using var f = new ServerFixture();
        await f.CreateSessionAsync(ttl: "30s");
        await f.CreateSessionAsync();
        f.Raft.LoseLeadership();
        Assert.Equal(0, f.Rpc.Leader.SessionTimers.Count);

        f.Raft.BecomeLeader();

        Assert.Equal(1, f.Rpc.Leader.SessionTimers.Count);
    }

    [Fact]
    public async Task LeadershipLost_PendingTtl_IsNotInvalidatedByThisServer()
    {
        await using var f = new ServerFixture();
        var id = await f.CreateSessionAsync(ttl: "100ms");

        f.Raft.LoseLeadership();
        await Task.Delay(500);

        Assert.NotNull(f.Raft.Store.Snapshot().SessionGet(id).Session);
        Assert.Equal(0, f.Rpc.Leader.SessionTimers.Count);
    }

    [Fact]
    public async Task TombstoneGc_AfterDelete_ProposesReapAfterTtl()
    {
        await using var f = new ServerFixture(new ServerOptions
        {
            NodeName = "node1",
            TombstoneTtl = TimeSpan.FromMilliseconds(200),
            TombstoneGranularity = TimeSpan.FromMilliseconds(100),
        });
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "gone" }, null, default);
        await f.Rpc.Kv.ApplyAsync(KvVerb.Delete, new KvEntry { Key = "gone" }, null, default);
        var deletedAt = f.Raft.Store.Snapshot().Index;
        Assert.Equal(1, f.Rpc.Leader.Tombstones.PendingBuckets);

        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Applied.OfType<TombstoneReapCommand>().Any()));

        Assert.Equal(deletedAt, f.Raft.Applied.OfType<TombstoneReapCommand>().Single().ReapIndex);
        Assert.Equal(0, f.Rpc.Leader.Tombstones.PendingBuckets);
    }

    [Fact]
    public async Task TombstoneGc_NotLeader_IgnoresHints()
    {
        await using var f = new ServerFixture();
        f.Raft.LoseLeadership();

        f.Rpc.Leader.Tombstones.Hint(5);

        Assert.Equal(0, f.Rpc.Leader.Tombstones.PendingBuckets);
    }
}
