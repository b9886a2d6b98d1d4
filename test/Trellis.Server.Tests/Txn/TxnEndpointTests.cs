using System.Text;
using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Txn;
using Trellis.Server.Tests.Testing;
using Trellis.State.Commands;

namespace Trellis.Server.Tests.Txn;

public sealed class TxnEndpointTests
{
    private static TxnOp Op(KvVerb verb, string key, string? value = null, ulong index = 0, string? session = null) =>
        new() { KV = new TxnKvOp { Verb = verb, Key = key, Value = value is null ? null : Encoding.UTF8.GetBytes(value), Index = index, Session = session } };

    [Fact]
    public async Task ApplyAsync_Writes_GoThroughRaftAtomically()
    {
        await using var f = new ServerFixture();

        var result = await f.Rpc.Txn.ApplyAsync([Op(KvVerb.Set, "a", "1"), Op(KvVerb.Set, "b", "2")], QueryOptions.Default, default);

        Assert.Null(result.Value.Errors);
        Assert.Equal(2, result.Value.Results!.Count);
        Assert.Single(f.Raft.Applied.OfType<TxnCommand>());
        Assert.NotNull(f.Raft.Store.Snapshot().KvGet("b").Entry);
    }

    [Fact]
    public async Task ApplyAsync_ReadOnly_ServedFromSnapshotWithoutRaft()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "r", Value = [7] }, null, default);
        var index = f.Raft.Store.Snapshot().KvGet("r").Entry!.ModifyIndex;
        var proposed = f.Raft.Applied.Count;

        var result = await f.Rpc.Txn.ApplyAsync([Op(KvVerb.Get, "r"), Op(KvVerb.CheckIndex, "r", index: index)], QueryOptions.Default, default);

        Assert.Equal(proposed, f.Raft.Applied.Count);
        Assert.Null(result.Value.Errors);
        Assert.Equal([7], result.Value.Results![0].KV!.Value);
        Assert.Null(result.Value.Results[1].KV!.Value);
    }

    [Fact]
    public async Task ApplyAsync_ReadOnlyFailedCheck_ReturnsConsulError()
    {
        await using var f = new ServerFixture();

        var result = await f.Rpc.Txn.ApplyAsync([Op(KvVerb.Get, "missing")], QueryOptions.Default, default);

        var error = Assert.Single(result.Value.Errors!);
        Assert.Equal(0, error.OpIndex);
        Assert.Equal("key \"missing\" doesn't exist", error.What);
        Assert.Null(result.Value.Results);
    }

    [Fact]
    public async Task ApplyAsync_ReadOnlyOnFollowerWithoutLeader_NeedsStale()
    {
        await using var f = new ServerFixture(leader: false);

        await Assert.ThrowsAsync<NoLeaderException>(() => f.Rpc.Txn.ApplyAsync([Op(KvVerb.CheckNotExists, "k")], QueryOptions.Default, default));
        var stale = await f.Rpc.Txn.ApplyAsync([Op(KvVerb.CheckNotExists, "k")], new QueryOptions { Consistency = ConsistencyMode.Stale }, default);

        Assert.Empty(stale.Value.Results!);
    }

    [Fact]
    public async Task ApplyAsync_MissingKey_ReportsMustProvideKeyAndAppliesNothing()
    {
        await using var f = new ServerFixture();

        var result = await f.Rpc.Txn.ApplyAsync([Op(KvVerb.Set, "ok", "1"), Op(KvVerb.Set, "")], QueryOptions.Default, default);

        var error = Assert.Single(result.Value.Errors!);
        Assert.Equal((1, "Must provide key"), (error.OpIndex, error.What));
        Assert.Empty(f.Raft.Applied);
    }

    [Fact]
    public async Task ApplyAsync_UnknownVerb_ReportsUnknownVerb()
    {
        await using var f = new ServerFixture();

        var result = await f.Rpc.Txn.ApplyAsync([Op((KvVerb)99, "k")], QueryOptions.Default, default);

        Assert.StartsWith("unknown KV verb", Assert.Single(result.Value.Errors!).What);
    }

    [Fact]
    public async Task ApplyAsync_LockDuringLockDelay_ReportsLockDelayError()
    {
        await using var f = new ServerFixture();
        var first = await f.CreateSessionAsync(lockDelayNs: 15_000_000_000);
        await f.Rpc.Kv.ApplyAsync(KvVerb.Lock, new KvEntry { Key = "lk", Session = first }, null, default);
        await f.Rpc.Session.DestroyAsync(first, null, default);
        var second = await f.CreateSessionAsync();

        var result = await f.Rpc.Txn.ApplyAsync([Op(KvVerb.Lock, "lk", session: second)], QueryOptions.Default, default);

        Assert.Equal("failed to lock key \"lk\" due to lock delay", Assert.Single(result.Value.Errors!).What);
    }

    [Fact]
    public async Task ApplyAsync_TooManyOperations_ThrowsRequestTooLarge()
    {
        await using var f = new ServerFixture();
        var ops = Enumerable.Range(0, 65).Select(i => Op(KvVerb.Set, $"k{i}")).ToList();

        var e = await Assert.ThrowsAsync<RequestTooLargeException>(() => f.Rpc.Txn.ApplyAsync(ops, QueryOptions.Default, default));

        Assert.Equal("Transaction contains too many operations (65 > 64)", e.Message);
    }

    [Fact]
    public async Task ApplyAsync_ValueOverLimit_ThrowsConsulText()
    {
        await using var f = new ServerFixture(new ServerOptions { KvMaxValueSize = 2 });

        var e = await Assert.ThrowsAsync<RequestTooLargeException>(() => f.Rpc.Txn.ApplyAsync([Op(KvVerb.Set, "big", "abc")], QueryOptions.Default, default));

        Assert.Equal("Value for key \"big\" is too large (3 > 2 bytes)", e.Message);
    }

    [Fact]
    public async Task ApplyAsync_FailingCasInWrite_ReturnsErrorsAndAppliesNothing()
    {
        await using var f = new ServerFixture();

        var result = await f.Rpc.Txn.ApplyAsync([Op(KvVerb.Set, "x", "1"), Op(KvVerb.Cas, "y", "2", index: 99)], QueryOptions.Default, default);

        Assert.NotEmpty(result.Value.Errors!);
        Assert.Null(f.Raft.Store.Snapshot().KvGet("x").Entry);
    }
}
