using Trellis.Core.Txn;

namespace Trellis.State.Tests;

public class StateStoreKvTests
{
    [Fact]
    public void Set_NewKey_SetsCreateAndModifyIndex()
    {
        var store = new StateStore();
        Assert.True(store.Set(5, "a", "1", flags: 42));
        var (e, idx) = store.Snapshot().KvGet("a");
        Assert.NotNull(e);
        Assert.Equal("1", TestKv.S(e.Value));
        Assert.Equal((5UL, 5UL, 42UL, 0UL), (e.CreateIndex, e.ModifyIndex, e.Flags, e.LockIndex));
        Assert.Equal(5UL, idx);
        Assert.Equal(5UL, store.Snapshot().Index);
    }

    [Fact]
    public void Set_ExistingKey_KeepsCreateIndexAndBumpsModifyIndex()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        store.Set(2, "b", "x");
        store.Set(3, "a", "2");
        var (e, idx) = store.Snapshot().KvGet("a");
        Assert.Equal((1UL, 3UL), (e!.CreateIndex, e.ModifyIndex));
        Assert.Equal(3UL, idx);
    }

    [Fact]
    public void Set_SameValue_DoesNotRewrite()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        store.Set(2, "a", "1");
        Assert.Equal(1UL, store.Snapshot().KvGet("a").Entry!.ModifyIndex);
        Assert.Equal(2UL, store.Snapshot().Index);
    }

    [Fact]
    public void Set_LockedKey_KeepsSessionAndLockIndex()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1");
        Assert.True(store.Kv(2, KvVerb.Lock, "k", "v", session: "s1"));
        store.Set(3, "k", "w");
        var e = store.Snapshot().KvGet("k").Entry!;
        Assert.Equal(("s1", 1UL, 2UL, 3UL, "w"), (e.Session, e.LockIndex, e.CreateIndex, e.ModifyIndex, TestKv.S(e.Value)));
    }

    [Fact]
    public void KvGet_MissingKey_ReturnsMaxOfKvsAndTombstones()
    {
        var store = new StateStore();
        store.Set(3, "a", "1");
        store.Set(4, "b", "1");
        store.Kv(7, KvVerb.Delete, "b");
        Assert.Equal((null, 7UL), (store.Snapshot().KvGet("zzz").Entry, store.Snapshot().KvGet("zzz").Index));
        store.Set(9, "a", "2");
        Assert.Equal(9UL, store.Snapshot().KvGet("nope").Index);
    }

    [Fact]
    public void Cas_ZeroIndex_OnlyWhenAbsent()
    {
        var store = new StateStore();
        Assert.True(store.Kv(1, KvVerb.Cas, "a", "1", modifyIndex: 0));
        Assert.False(store.Kv(2, KvVerb.Cas, "a", "2", modifyIndex: 0));
        Assert.Equal("1", TestKv.S(store.Snapshot().KvGet("a").Entry!.Value));
    }

    [Fact]
    public void Cas_Index_MustMatchModifyIndex()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        Assert.False(store.Kv(2, KvVerb.Cas, "a", "2", modifyIndex: 5));
        Assert.False(store.Kv(3, KvVerb.Cas, "missing", "2", modifyIndex: 1));
        Assert.True(store.Kv(4, KvVerb.Cas, "a", "3", modifyIndex: 1));
        var e = store.Snapshot().KvGet("a").Entry!;
        Assert.Equal(("3", 1UL, 4UL), (TestKv.S(e.Value), e.CreateIndex, e.ModifyIndex));
        Assert.Null(store.Snapshot().KvGet("missing").Entry);
    }

    [Fact]
    public void Lock_UnknownOrMissingSession_Fails()
    {
        var store = new StateStore();
        Assert.False(store.Kv(1, KvVerb.Lock, "k", "v", session: "nope"));
        Assert.False(store.Kv(2, KvVerb.Lock, "k", "v", session: null));
        Assert.Null(store.Snapshot().KvGet("k").Entry);
    }

    [Fact]
    public void Lock_HeldByOther_FailsAndReacquireKeepsLockIndex()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1");
        store.CreateSession(2, "s2");
        Assert.True(store.Kv(3, KvVerb.Lock, "k", "a", session: "s1"));
        Assert.False(store.Kv(4, KvVerb.Lock, "k", "b", session: "s2"));
        Assert.True(store.Kv(5, KvVerb.Lock, "k", "c", session: "s1"));
        var e = store.Snapshot().KvGet("k").Entry!;
        Assert.Equal(("s1", 1UL, 3UL, 5UL, "c"), (e.Session, e.LockIndex, e.CreateIndex, e.ModifyIndex, TestKv.S(e.Value)));
    }

    [Fact]
    public void Unlock_OnlyHolder_ClearsSessionAndNextLockIncrements()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1");
        store.CreateSession(2, "s2");
        store.Kv(3, KvVerb.Lock, "k", "a", session: "s1");
        Assert.False(store.Kv(4, KvVerb.Unlock, "k", "x", session: "s2"));
        Assert.False(store.Kv(5, KvVerb.Unlock, "missing", "x", session: "s1"));
        Assert.True(store.Kv(6, KvVerb.Unlock, "k", "b", session: "s1"));
        var e = store.Snapshot().KvGet("k").Entry!;
        Assert.Equal((null, 1UL, 6UL, "b"), (e.Session, e.LockIndex, e.ModifyIndex, TestKv.S(e.Value)));
        Assert.True(store.Kv(7, KvVerb.Lock, "k", "c", session: "s2"));
        Assert.Equal(2UL, store.Snapshot().KvGet("k").Entry!.LockIndex);
        Assert.Empty(store.Snapshot().SessionHeldKeys("s1"));
        Assert.Equal(["k"], store.Snapshot().SessionHeldKeys("s2"));
    }

    [Fact]
    public void Delete_WritesTombstoneThatKeepsPrefixIndex()
    {
        var store = new StateStore();
        store.Set(1, "foo/a", "1");
        store.Set(2, "foo/b", "1");
        store.Set(3, "bar", "1");
        store.Kv(4, KvVerb.Delete, "foo/b");
        store.Set(5, "bar", "2");
        var (entries, idx) = store.Snapshot().KvList("foo/");
        Assert.Single(entries);
        Assert.Equal(4UL, idx);
    }

    [Fact]
    public void Delete_MissingKey_ChangesNoTableIndex()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        Assert.True(store.Kv(2, KvVerb.Delete, "zz"));
        Assert.Equal(1UL, store.Snapshot().KvGet("zz").Index);
    }

    [Fact]
    public void DeleteCas_ChecksModifyIndex()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        Assert.False(store.Kv(2, KvVerb.DeleteCas, "a", modifyIndex: 9));
        Assert.NotNull(store.Snapshot().KvGet("a").Entry);
        Assert.True(store.Kv(3, KvVerb.DeleteCas, "a", modifyIndex: 1));
        Assert.Null(store.Snapshot().KvGet("a").Entry);
        Assert.True(store.Kv(4, KvVerb.DeleteCas, "a", modifyIndex: 1));
    }

    [Fact]
    public void DeleteTree_RemovesOnlyPrefix()
    {
        var store = new StateStore();
        store.Set(1, "foo/a", "1");
        store.Set(2, "foo/b/c", "1");
        store.Set(3, "foobar", "1");
        store.Set(4, "fo", "1");
        store.Kv(5, KvVerb.DeleteTree, "foo/");
        Assert.Equal(["fo", "foobar"], store.Snapshot().KvList("").Entries.Select(e => e.Key));
        Assert.Equal(5UL, store.Snapshot().KvList("foo/").Index);
        Assert.Equal(5UL, store.Snapshot().KvList("").Index);
    }

    [Fact]
    public void KvList_EmptyPrefixResult_FallsBackToTableIndex()
    {
        var store = new StateStore();
        store.Set(3, "a", "1");
        var (entries, idx) = store.Snapshot().KvList("nothing/");
        Assert.Empty(entries);
        Assert.Equal(3UL, idx);
    }

    [Fact]
    public void KvList_Prefix_ReturnsMaxModifyIndexUnderPrefix()
    {
        var store = new StateStore();
        store.Set(1, "a/1", "1");
        store.Set(2, "a/2", "1");
        store.Set(3, "b/1", "1");
        var (entries, idx) = store.Snapshot().KvList("a/");
        Assert.Equal(["a/1", "a/2"], entries.Select(e => e.Key));
        Assert.Equal(2UL, idx);
    }

    [Fact]
    public void KvKeys_Separator_RollsUpAtFirstSeparatorAfterPrefix()
    {
        var store = new StateStore();
        ulong i = 1;
        foreach (var k in new[] { "web/a", "web/b/c", "web/b/d", "web/c/", "web/d/e/f", "web2", "other" })
        {
            store.Set(i++, k, "v");
        }

        var (keys, idx) = store.Snapshot().KvKeys("web/", "/");
        Assert.Equal(["web/a", "web/b/", "web/c/", "web/d/"], keys);
        Assert.Equal(5UL, idx);
        Assert.Equal(["other", "web/", "web2"], store.Snapshot().KvKeys("", "/").Keys);
        Assert.Equal(7, store.Snapshot().KvKeys("", null).Keys.Count);
    }

    [Fact]
    public void TombstoneReap_RemovesOldTombstones()
    {
        var store = new StateStore();
        store.Set(1, "a/x", "1");
        store.Set(2, "b", "1");
        store.Kv(3, KvVerb.Delete, "a/x");
        Assert.Equal(3UL, store.Snapshot().KvList("a/").Index);
        store.Apply(new Commands.TombstoneReapCommand(3), 4);
        Assert.Equal(3UL, store.Snapshot().KvList("a/").Index); // falls back to the table index
        store.Set(5, "b", "2");
        Assert.Equal(5UL, store.Snapshot().KvList("a/").Index);
    }

    [Fact]
    public void Snapshot_IsIsolatedFromLaterWrites()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        var before = store.Snapshot();
        store.Set(2, "a", "2");
        store.Kv(3, KvVerb.Delete, "a");
        Assert.Equal("1", TestKv.S(before.KvGet("a").Entry!.Value));
        Assert.Null(store.Snapshot().KvGet("a").Entry);
    }
}
