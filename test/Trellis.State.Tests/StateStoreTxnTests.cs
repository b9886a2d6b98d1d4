using Trellis.Core.Txn;
using static Trellis.State.Tests.TestKv;

namespace Trellis.State.Tests;

public class StateStoreTxnTests
{
    [Fact]
    public void Txn_AllSucceed_AppliesAndReturnsResults()
    {
        var store = new StateStore();
        store.Set(1, "existing", "x");
        var r = store.Txn(5,
            Op(KvVerb.Set, "a", "1"),
            Op(KvVerb.Cas, "b", "2", index: 0),
            Op(KvVerb.Get, "a"),
            Op(KvVerb.Delete, "existing"),
            Op(KvVerb.CheckNotExists, "existing"),
            Op(KvVerb.CheckIndex, "a", index: 5));
        Assert.Null(r.Errors);
        Assert.NotNull(r.Results);
        Assert.Equal(4, r.Results.Count);
        Assert.Equal(("a", (byte[]?)null, 5UL), (r.Results[0].KV!.Key, r.Results[0].KV!.Value, r.Results[0].KV!.ModifyIndex));
        Assert.Null(r.Results[1].KV!.Value);
        Assert.Equal("1", S(r.Results[2].KV!.Value));
        Assert.Equal("a", r.Results[3].KV!.Key);
        Assert.Null(store.Snapshot().KvGet("existing").Entry);
        Assert.Equal(5UL, store.Snapshot().KvGet("b").Entry!.ModifyIndex);
    }

    [Fact]
    public void Txn_OneFails_AppliesNothingAndReportsEveryError()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        var before = store.Snapshot();
        var r = store.Txn(2,
            Op(KvVerb.Set, "new", "v"),
            Op(KvVerb.Cas, "a", "2", index: 9),
            Op(KvVerb.Delete, "a"),
            Op(KvVerb.Get, "missing"));
        Assert.Null(r.Results);
        Assert.Equal(
            [new TxnError(1, "failed to set key \"a\", index is stale"), new TxnError(3, "key \"missing\" doesn't exist")],
            r.Errors);
        var now = store.Snapshot();
        Assert.Null(now.KvGet("new").Entry);
        Assert.Same(before.KvGet("a").Entry, now.KvGet("a").Entry);
        Assert.Equal(2UL, now.Index);
        Assert.Equal(1UL, now.KvGet("zzz").Index);
    }

    [Theory]
    [InlineData(KvVerb.Cas, "k", null, 7UL, "failed to set key \"k\", index is stale")]
    [InlineData(KvVerb.Lock, "k", null, 0UL, "missing session")]
    [InlineData(KvVerb.Lock, "k", "bogus", 0UL, "invalid session \"bogus\"")]
    [InlineData(KvVerb.Lock, "k", "s2", 0UL, "failed to lock key \"k\", lock is already held")]
    [InlineData(KvVerb.Unlock, "k", "s2", 0UL, "failed to unlock key \"k\", lock isn't held, or is held by another session")]
    [InlineData(KvVerb.Unlock, "k", null, 0UL, "missing session")]
    [InlineData(KvVerb.Get, "nope", null, 0UL, "key \"nope\" doesn't exist")]
    [InlineData(KvVerb.CheckIndex, "nope", null, 0UL, "failed to check index, key \"nope\" doesn't exist")]
    [InlineData(KvVerb.CheckIndex, "k", null, 9UL, "failed index check for key \"k\", current modify index 3 != 9")]
    [InlineData(KvVerb.CheckSession, "nope", "s1", 0UL, "failed to check session, key \"nope\" doesn't exist")]
    [InlineData(KvVerb.CheckSession, "k", "s2", 0UL, "failed session check for key \"k\", current session \"s1\" != \"s2\"")]
    [InlineData(KvVerb.CheckNotExists, "k", null, 0UL, "key \"k\" exists")]
    [InlineData(KvVerb.DeleteCas, "k", null, 8UL, "failed to delete key \"k\", index is stale")]
    public void Txn_FailingVerb_ReportsConsulErrorText(KvVerb verb, string key, string? session, ulong index, string expected)
    {
        var store = new StateStore();
        store.CreateSession(1, "s1");
        store.CreateSession(2, "s2");
        store.Kv(3, KvVerb.Lock, "k", "v", session: "s1");
        var r = store.Txn(4, Op(verb, key, "x", index, session));
        Assert.Null(r.Results);
        Assert.Equal([new TxnError(0, expected)], r.Errors);
    }

    [Fact]
    public void Txn_LaterOpsSeeEarlierOps()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1");
        var r = store.Txn(2,
            Op(KvVerb.Lock, "k", "v", session: "s1"),
            Op(KvVerb.CheckSession, "k", session: "s1"),
            Op(KvVerb.Unlock, "k", "w", session: "s1"),
            Op(KvVerb.GetTree, ""));
        Assert.Null(r.Errors);
        Assert.Equal(4, r.Results!.Count);
        Assert.Equal(("k", "w", (string?)null), (r.Results[3].KV!.Key, S(r.Results[3].KV!.Value), r.Results[3].KV!.Session));
    }

    [Fact]
    public void Txn_DeleteTreeAndDeleteCas_ProduceNoResults()
    {
        var store = new StateStore();
        store.Set(1, "t/a", "1");
        store.Set(2, "b", "1");
        var r = store.Txn(3, Op(KvVerb.DeleteTree, "t/"), Op(KvVerb.DeleteCas, "b", index: 2));
        Assert.Equal(new List<TxnResult>(), r.Results);
        Assert.Empty(store.Snapshot().KvList("").Entries);
    }

    [Fact]
    public void ReadTxn_ReadsSnapshotAndRejectsWrites()
    {
        var store = new StateStore();
        store.Set(1, "a/1", "1");
        store.Set(2, "a/2", "2");
        var snap = store.Snapshot();
        var ok = snap.ReadTxn([Op(KvVerb.GetTree, "a/"), Op(KvVerb.CheckIndex, "a/1", index: 1)]);
        Assert.Equal(2UL, ok.Index);
        Assert.Equal(["a/1", "a/2", "a/1"], ok.Response.Results!.Select(x => x.KV!.Key));
        Assert.True(StoreSnapshot.IsReadOnly([Op(KvVerb.Get, "x")]));
        Assert.False(StoreSnapshot.IsReadOnly([Op(KvVerb.Get, "x"), Op(KvVerb.Set, "x")]));
        var bad = snap.ReadTxn([Op(KvVerb.Set, "a/1", "z")]);
        Assert.Null(bad.Response.Results);
        Assert.Single(bad.Response.Errors!);
        Assert.Equal("1", S(store.Snapshot().KvGet("a/1").Entry!.Value));
    }

    [Fact]
    public void GetOrEmpty_ExistingKeyWithValue_MissingKeyAsTheOperationWithoutValue()
    {
        var store = new StateStore();
        store.Set(3, "here", "v");

        var r = store.Snapshot().ReadTxn([Op(KvVerb.GetOrEmpty, "here"), Op(KvVerb.GetOrEmpty, "gone", "ignored", index: 9)]).Response;

        Assert.Null(r.Errors);
        Assert.Equal(("here", "v", 3UL), (r.Results![0].KV!.Key, S(r.Results[0].KV!.Value), r.Results[0].KV!.ModifyIndex));
        Assert.Equal(("gone", (byte[]?)null, 9UL, 0UL), (r.Results[1].KV!.Key, r.Results[1].KV!.Value, r.Results[1].KV!.ModifyIndex, r.Results[1].KV!.CreateIndex));
        Assert.True(StoreSnapshot.IsReadOnly([Op(KvVerb.GetOrEmpty, "x")]));
    }
}
