using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Trellis.Consensus;
using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Txn;
using Trellis.Server.Blocking;
using Trellis.Server.Tests.Testing;
using Trellis.State;

namespace Trellis.Server.Tests.Blocking;

public sealed class BlockingQueryRunnerTests
{
    [Fact]
    public async Task RunAsync_ChangeWhileBlocked_ReturnsPromptlyWithNewerIndex()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "watched" }, null, default);
        var first = await f.Rpc.Kv.GetAsync("watched", QueryOptions.Default, default);
        var stopwatch = Stopwatch.StartNew();

        var blocked = f.Rpc.Kv.GetAsync("watched", ServerFixture.Blocking(first.Meta.Index, TimeSpan.FromMinutes(1)), default);
        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Store.WatcherCount > 0));
        Assert.False(blocked.IsCompleted);
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "watched", Value = [1] }, null, default);

        var result = await blocked.WaitAsync(ServerFixture.Bound);
        Assert.True(result.Meta.Index > first.Meta.Index);
        Assert.Equal([1], result.Value!.Value);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Store.WatcherCount == 0));
    }

    [Fact]
    public async Task RunAsync_MissingKeyOnEmptyStoreThenCreated_ReturnsTheNewEntry()
    {
        // The miss reports index 1 (0 is never returned) and the creating write is Raft entry 1 as well.
        await using var f = new ServerFixture();
        var miss = await f.Rpc.Kv.GetAsync("later", QueryOptions.Default, default);
        Assert.Null(miss.Value);

        var blocked = f.Rpc.Kv.GetAsync("later", ServerFixture.Blocking(miss.Meta.Index, TimeSpan.FromMinutes(1)), default);
        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Store.WatcherCount > 0));
        Assert.False(blocked.IsCompleted);
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "later", Value = [7] }, null, default);

        var result = await blocked.WaitAsync(ServerFixture.Bound);
        Assert.True(result.Meta.Index > miss.Meta.Index);
        Assert.Equal([7], result.Value!.Value);
    }

    [Fact]
    public async Task RunAsync_MissingKeyInFreshRaftNodeThenCreated_WakesOnTheFirstWrite()
    {
        // A real single-server Raft node (in memory, bootstrapped): the bootstrap entry takes index 1, so the first
        // write is newer than the placeholder index 1 a client holds for a missing key.
        using var port = new TcpListener(IPAddress.Loopback, 0);
        port.Start();
        var endpoint = (IPEndPoint)port.LocalEndpoint;
        port.Stop();
        var options = new RaftNodeOptions { NodeId = "0b4f6c1e-0000-4000-8000-000000000001", NodeName = "node1", Endpoint = endpoint, Bootstrap = true };
        await using var raft = new RaftNode(options, new StateStore());
        await raft.StartAsync(CancellationToken.None);
        using var rpc = new ServerRpc(raft, TimeProvider.System, new ServerOptions { NodeName = "node1" });

        var miss = await rpc.Kv.GetAsync("later", QueryOptions.Default, default);
        Assert.Null(miss.Value);
        Assert.Equal(1UL, miss.Meta.Index);
        var blocked = rpc.Kv.GetAsync("later", ServerFixture.Blocking(miss.Meta.Index, TimeSpan.FromMinutes(1)), default);
        Assert.True(await ServerFixture.EventuallyAsync(() => raft.Store.WatcherCount > 0));
        Assert.False(blocked.IsCompleted);

        await rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "later", Value = [7] }, null, default);

        var result = await blocked.WaitAsync(ServerFixture.Bound);
        Assert.Equal([7], result.Value!.Value);
        Assert.True(result.Meta.Index > 1, $"index {result.Meta.Index}");
        Assert.Equal(result.Value.ModifyIndex, result.Meta.Index);
    }

    [Fact]
    public async Task RunAsync_NothingChanges_ReturnsAtTimeoutWithSameIndex()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "still" }, null, default);
        var first = await f.Rpc.Kv.GetAsync("still", QueryOptions.Default, default);
        var stopwatch = Stopwatch.StartNew();

        var result = await f.Rpc.Kv.GetAsync("still", ServerFixture.Blocking(first.Meta.Index, TimeSpan.FromMilliseconds(300)), default)
            .WaitAsync(ServerFixture.Bound);

        Assert.Equal(first.Meta.Index, result.Meta.Index);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(280), $"returned after {stopwatch.Elapsed}");
        Assert.Equal(0, f.Raft.Store.WatcherCount);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsAndLeavesNoWatcher()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "c" }, null, default);
        var index = f.Raft.Store.Snapshot().Index;
        using var cts = new CancellationTokenSource();

        var blocked = f.Rpc.Kv.ListAsync("c", ServerFixture.Blocking(index, TimeSpan.FromMinutes(5)), cts.Token);
        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Store.WatcherCount > 0));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(ServerFixture.Bound));
        Assert.Equal(0, f.Raft.Store.WatcherCount);
    }

    [Fact]
    public async Task RunAsync_ChangeToOtherKey_KeepsBlocking()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "mine" }, null, default);
        var first = await f.Rpc.Kv.GetAsync("mine", QueryOptions.Default, default);

        var blocked = f.Rpc.Kv.GetAsync("mine", ServerFixture.Blocking(first.Meta.Index, TimeSpan.FromMilliseconds(500)), default);
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "unrelated" }, null, default);
        var result = await blocked.WaitAsync(ServerFixture.Bound);

        Assert.Equal(first.Meta.Index, result.Meta.Index);
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(60, 60)]
    [InlineData(3600, 600)]
    public void EffectiveWait_Requested_DefaultsCapsAndAddsAtMostASixteenth(int requestedSeconds, int baseSeconds)
    {
        var noJitter = BlockingQueryRunner.EffectiveWait(TimeSpan.FromSeconds(requestedSeconds), 0);
        var fullJitter = BlockingQueryRunner.EffectiveWait(TimeSpan.FromSeconds(requestedSeconds), 1);

        Assert.Equal(TimeSpan.FromSeconds(baseSeconds), noJitter);
        Assert.Equal(TimeSpan.FromSeconds(baseSeconds) + (TimeSpan.FromSeconds(baseSeconds) / 16), fullJitter);
    }

    [Fact]
    public async Task RunAsync_DefaultOnFollowerWithoutLeader_ThrowsNoClusterLeader()
    {
        await using var f = new ServerFixture(leader: false);

        var e = await Assert.ThrowsAsync<NoLeaderException>(() => f.Rpc.Kv.GetAsync("k", QueryOptions.Default, default));

        Assert.Equal("No cluster leader", e.Message);
    }

    [Fact]
    public async Task RunAsync_StaleOnFollowerWithoutLeader_ServesLocally()
    {
        await using var f = new ServerFixture(leader: false);

        var result = await f.Rpc.Kv.GetAsync("k", new QueryOptions { Consistency = ConsistencyMode.Stale }, default);

        Assert.False(result.Meta.KnownLeader);
        Assert.Equal(TimeSpan.FromMilliseconds(25), result.Meta.LastContact);
    }

    [Fact]
    public async Task RunAsync_DefaultOnFollowerThatKnowsALeader_ServesLocally()
    {
        await using var f = new ServerFixture(leader: false);
        f.Raft.OtherLeader = "10.0.0.9:8300";

        var result = await f.Rpc.Kv.GetAsync("k", QueryOptions.Default, default);

        Assert.True(result.Meta.KnownLeader);
    }

    [Fact]
    public async Task RunAsync_Consistent_VerifiesLeadership()
    {
        await using var f = new ServerFixture();

        await f.Rpc.Kv.GetAsync("k", new QueryOptions { Consistency = ConsistencyMode.Consistent }, default);

        Assert.Equal(1, f.Raft.VerifyCalls);
    }
}
