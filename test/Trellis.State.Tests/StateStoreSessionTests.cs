using Trellis.Core.Sessions;
using Trellis.Core.Txn;

namespace Trellis.State.Tests;

public class StateStoreSessionTests
{
    [Fact]
    public void Create_StoresSessionWithIndexesAndReturnsId()
    {
        var store = new StateStore();
        Assert.Equal("s1", store.CreateSession(4, "s1", node: "n1"));
        var (s, idx) = store.Snapshot().SessionGet("s1");
        Assert.Equal((4UL, 4UL, "n1"), (s!.CreateIndex, s.ModifyIndex, s.Node));
        Assert.Equal(4UL, idx);
    }

    [Fact]
    public void Create_DuplicateId_ReturnsNullAndKeepsOriginal()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1", node: "n1");
        Assert.Null(store.CreateSession(2, "s1", node: "n2"));
        Assert.Equal("n1", store.Snapshot().SessionGet("s1").Session!.Node);
        Assert.Equal(1UL, store.Snapshot().SessionList().Index);
    }

    [Fact]
    public void ListByNode_ReturnsOnlyThatNodesSessions()
    {
        var store = new StateStore();
        store.CreateSession(1, "b", node: "n1");
        store.CreateSession(2, "a", node: "n1");
        store.CreateSession(3, "c", node: "n2");
        Assert.Equal(["a", "b"], store.Snapshot().SessionListByNode("n1").Sessions.Select(s => s.ID));
        Assert.Empty(store.Snapshot().SessionListByNode("n3").Sessions);
        Assert.Equal(["a", "b", "c"], store.Snapshot().SessionList().Sessions.Select(s => s.ID));
        Assert.Equal(3UL, store.Snapshot().SessionList().Index);
    }

    [Fact]
    public void Destroy_ReleaseBehavior_ClearsLocksAndStartsLockDelay()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1", lockDelayNs: 15_000_000_000);
        store.Kv(2, KvVerb.Lock, "k1", "v", session: "s1");
        store.Kv(3, KvVerb.Lock, "k2", "v", session: "s1");
        store.Set(4, "other", "v");
        Assert.True(store.DestroySession(5, "s1", nowMs: 1_000_000));
        var snap = store.Snapshot();
        Assert.Null(snap.SessionGet("s1").Session);
        Assert.Equal(5UL, snap.SessionList().Index);
        foreach (var key in new[] { "k1", "k2" })
        {
            var e = snap.KvGet(key).Entry!;
            Assert.Equal((null, 5UL, 1UL), (e.Session, e.ModifyIndex, e.LockIndex));
            Assert.Equal(1_015_000L, snap.KvLockDelayUntil(key));
        }

        Assert.Null(snap.KvLockDelayUntil("other"));
        Assert.Equal(4UL, snap.KvGet("other").Entry!.ModifyIndex);
    }

    [Fact]
    public void Destroy_DeleteBehavior_DeletesKeysWithTombstones()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1", behavior: SessionBehavior.Delete, lockDelayNs: 1_000_000_000);
        store.Kv(2, KvVerb.Lock, "svc/leader", "me", session: "s1");
        store.Set(3, "svc/config", "c");
        store.DestroySession(6, "s1", nowMs: 500);
        var snap = store.Snapshot();
        Assert.Null(snap.KvGet("svc/leader").Entry);
        Assert.Equal(["svc/config"], snap.KvList("svc/").Entries.Select(e => e.Key));
        Assert.Equal(6UL, snap.KvList("svc/").Index);
        Assert.Equal(1_500L, snap.KvLockDelayUntil("svc/leader"));
    }

    [Fact]
    public void Destroy_ZeroLockDelay_RecordsNoDelay()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1");
        store.Kv(2, KvVerb.Lock, "k", "v", session: "s1");
        store.DestroySession(3, "s1", nowMs: 100);
        Assert.Null(store.Snapshot().KvLockDelayUntil("k"));
    }

    [Fact]
    public void Destroy_UnknownSession_ReturnsFalseAndChangesNothing()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1");
        Assert.False(store.DestroySession(2, "nope"));
        Assert.Equal(1UL, store.Snapshot().SessionList().Index);
    }

    [Fact]
    public void Destroy_KeyUnlockedBefore_IsNotTouched()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1", behavior: SessionBehavior.Delete);
        store.Kv(2, KvVerb.Lock, "k", "v", session: "s1");
        store.Kv(3, KvVerb.Unlock, "k", "v", session: "s1");
        store.DestroySession(4, "s1");
        Assert.Equal(3UL, store.Snapshot().KvGet("k").Entry!.ModifyIndex);
    }
}
