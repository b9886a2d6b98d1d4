using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Sessions;
using Trellis.Core.Txn;
using Trellis.Server.Tests.Testing;

namespace Trellis.Server.Tests.Sessions;

public sealed class SessionEndpointTests
{
    private static Session Request(string ttl = "", long lockDelay = 0) => new() { ID = "", Node = "", TTL = ttl, LockDelay = lockDelay };

    [Theory]
    [InlineData("5s", "Invalid Session TTL '5000000000', must be between [10s=24h0m0s]")]
    [InlineData("100000s", "Invalid Session TTL '100000000000000', must be between [10s=24h0m0s]")]
    [InlineData("10z", "Session TTL '10z' invalid: time: unknown unit \"z\" in duration \"10z\"")]
    [InlineData("10", "Session TTL '10' invalid: time: missing unit in duration \"10\"")]
    [InlineData("abc", "Session TTL 'abc' invalid: time: invalid duration \"abc\"")]
    public async Task CreateAsync_BadTtl_ThrowsConsulText(string ttl, string expected)
    {
        await using var f = new ServerFixture(new ServerOptions { NodeName = "node1" });

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.Session.CreateAsync(Request(ttl), null, default));

        Assert.Equal(expected, e.Message);
        Assert.Empty(f.Raft.Applied);
    }

    [Fact]
    public async Task CreateAsync_LockDelayOverSixtySeconds_Throws()
    {
        await using var f = new ServerFixture();

        await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.Session.CreateAsync(Request(lockDelay: 61_000_000_000), null, default));
    }

    [Fact]
    public async Task CreateAsync_NoOptions_FillsConsulDefaults()
    {
        await using var f = new ServerFixture();

        var id = await f.Rpc.Session.CreateAsync(Request(lockDelay: 15_000_000_000), null, default);
        var session = (await f.Rpc.Session.GetAsync(id, QueryOptions.Default, default)).Value!;

        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal("node1", session.Node);
        Assert.Equal(["serfHealth"], session.NodeChecks);
        Assert.Equal(15_000_000_000, session.LockDelay);
        Assert.Equal(SessionBehavior.Release, session.Behavior);
    }

    [Fact]
    public async Task CreateAsync_ExplicitZeroLockDelay_StaysZero()
    {
        // The 15 s default belongs to the HTTP decoder (field absent); the server keeps what it is given.
        await using var f = new ServerFixture();

        var id = await f.Rpc.Session.CreateAsync(Request(lockDelay: 0), null, default);
        var session = (await f.Rpc.Session.GetAsync(id, QueryOptions.Default, default)).Value!;

        Assert.Equal(0, session.LockDelay);
    }

    [Fact]
    public async Task CreateAsync_ZeroLockDelayThenDestroyWhileHolding_OtherSessionAcquiresAtOnce()
    {
        await using var f = new ServerFixture();
        var holder = await f.Rpc.Session.CreateAsync(Request(lockDelay: 0), null, default);
        Assert.True(await f.Rpc.Kv.ApplyAsync(KvVerb.Lock, new Trellis.Core.Kv.KvEntry { Key = "lk", Session = holder }, null, default));

        await f.Rpc.Session.DestroyAsync(holder, null, default);
        var other = await f.Rpc.Session.CreateAsync(Request(lockDelay: 0), null, default);

        Assert.Null(f.Raft.Store.Snapshot().KvLockDelayUntil("lk"));
        Assert.True(await f.Rpc.Kv.ApplyAsync(KvVerb.Lock, new Trellis.Core.Kv.KvEntry { Key = "lk", Session = other }, null, default));
    }

    [Fact]
    public async Task CreateAsync_ZeroTtl_IsAcceptedWithoutTimer()
    {
        await using var f = new ServerFixture(new ServerOptions { NodeName = "node1" });

        await f.Rpc.Session.CreateAsync(Request("0s"), null, default);

        Assert.Equal(0, f.Rpc.Leader.SessionTimers.Count);
    }

    [Fact]
    public async Task ListByNodeAsync_TwoNodes_ReturnsOnlyThatNode()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Session.CreateAsync(Request() with { Node = "a" }, null, default);
        await f.Rpc.Session.CreateAsync(Request() with { Node = "b" }, null, default);

        var all = await f.Rpc.Session.ListAsync(QueryOptions.Default, default);
        var onA = await f.Rpc.Session.ListByNodeAsync("a", QueryOptions.Default, default);

        Assert.Equal(2, all.Value.Count);
        Assert.Equal("a", Assert.Single(onA.Value).Node);
    }

    [Fact]
    public async Task DestroyAsync_HeldLock_ReleasesIt()
    {
        await using var f = new ServerFixture();
        var id = await f.CreateSessionAsync();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Lock, new KvEntry { Key = "lk", Session = id }, null, default);

        await f.Rpc.Session.DestroyAsync(id, null, default);

        Assert.Null((await f.Rpc.Session.GetAsync(id, QueryOptions.Default, default)).Value);
        Assert.Null((await f.Rpc.Kv.GetAsync("lk", QueryOptions.Default, default)).Value!.Session);
    }

    [Fact]
    public async Task DestroyAsync_UnknownId_IsNotAnError()
    {
        await using var f = new ServerFixture();

        await f.Rpc.Session.DestroyAsync("00000000-0000-0000-0000-000000000000", null, default);
    }

    [Fact]
    public async Task RenewAsync_UnknownAndKnown_ReturnsNullThenSession()
    {
        await using var f = new ServerFixture();
        var id = await f.CreateSessionAsync(ttl: "30s");

        Assert.Null(await f.Rpc.Session.RenewAsync("missing", null, default));
        Assert.Equal(id, (await f.Rpc.Session.RenewAsync(id, null, default))!.ID);
    }

    [Fact]
    public async Task TtlExpiry_NotRenewed_DestroysSessionAndReleasesLock()
    {
        await using var f = new ServerFixture();
        var id = await f.CreateSessionAsync(ttl: "100ms");
        Assert.True(await f.Rpc.Kv.ApplyAsync(KvVerb.Lock, new KvEntry { Key = "leader", Session = id }, null, default));

        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Store.Snapshot().SessionGet(id).Session is null));

        Assert.Null(f.Raft.Store.Snapshot().KvGet("leader").Entry!.Session);
        Assert.Equal(0, f.Rpc.Leader.SessionTimers.Count);
    }

    [Fact]
    public async Task TtlExpiry_RenewedInTime_KeepsSession()
    {
        await using var f = new ServerFixture();
        var id = await f.CreateSessionAsync(ttl: "1s");

        // Invalidation comes after TTL × 2 = 2 s without renewal; renew every 100 ms for 2.5 s, longer than that
        // window, so a renewal that did not reset the timer fails the test. The wide gap between renewals and the
        // window keeps a scheduling stall on a loaded 2-core CI machine from expiring the session.
        for (var i = 0; i < 25; i++)
        {
            Assert.NotNull(await f.Rpc.Session.RenewAsync(id, null, default));
            await Task.Delay(100);
        }

        Assert.NotNull(f.Raft.Store.Snapshot().SessionGet(id).Session);
    }

    [Fact]
    public async Task RenewAsync_OnFollower_ThrowsNotLeader()
    {
        await using var f = new ServerFixture(leader: false);

        await Assert.ThrowsAsync<Trellis.Consensus.NotLeaderException>(() => f.Rpc.Session.RenewAsync("x", null, default));
    }
}
