using Trellis.Core.Txn;
using Trellis.State.Watches;

namespace Trellis.State.Tests.Watches;

public class WatchSetTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static (StateStore Store, WatchSet Watch) Armed(Action<StoreSnapshot, WatchSet> read, Action<StateStore>? seed = null)
    {
        var store = new StateStore();
        seed?.Invoke(store);
        var ws = new WatchSet();
        var snap = store.Snapshot();
        read(snap, ws);
        store.Register(ws, snap);
        return (store, ws);
    }

    [Fact]
    public async Task KeyWatch_KeyChanges_Fires()
    {
        var (store, ws) = Armed((s, w) => s.KvGet("a", w), st => st.Set(1, "a", "1"));
        Assert.False(ws.HasFired);
        store.Set(2, "a", "2");
        await ws.WaitAsync(CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(0, store.WatcherCount);
    }

    [Fact]
    public void KeyWatch_UnrelatedOrPrefixSiblingChanges_DoesNotFire()
    {
        var (store, ws) = Armed((s, w) => s.KvGet("a/b", w));
        store.Set(1, "a/bc", "x");
        store.Set(2, "a", "x");
        store.Set(3, "z", "x");
        store.CreateSession(4, "s1");
        Assert.False(ws.HasFired);
        Assert.Equal(1, store.WatcherCount);
        ws.Dispose();
        Assert.Equal(0, store.WatcherCount);
    }

    [Fact]
    public void PrefixWatch_KeyUnderPrefix_Fires()
    {
        var (store, ws) = Armed((s, w) => s.KvList("web/", w));
        store.Set(1, "webx", "no");
        Assert.False(ws.HasFired);
        store.Set(2, "web/a/b", "yes");
        Assert.True(ws.HasFired);
    }

    [Fact]
    public void PrefixWatch_DeleteTreeAboveIt_Fires()
    {
        var (store, ws) = Armed((s, w) => s.KvKeys("a/b/", "/", w), st => st.Set(1, "a/b/c", "1"));
        store.Kv(2, KvVerb.DeleteTree, "a/");
        Assert.True(ws.HasFired);
    }

    [Fact]
    public void EmptyPrefixWatch_AnyKey_Fires()
    {
        var (store, ws) = Armed((s, w) => s.KvList("", w));
        store.Set(1, "anything", "1");
        Assert.True(ws.HasFired);
    }

    [Fact]
    public void SessionWatch_SessionTableChanges_FiresButKvDoesNot()
    {
        var (store, ws) = Armed((s, w) => s.SessionList(w));
        store.Set(1, "k", "v");
        Assert.False(ws.HasFired);
        store.CreateSession(2, "s");
        Assert.True(ws.HasFired);
    }

    [Fact]
    public void SessionDestroyRelease_FiresKeyWatch()
    {
        var (store, ws) = Armed((s, w) => s.KvGet("lock", w), st =>
        {
            st.CreateSession(1, "s");
            st.Kv(2, KvVerb.Lock, "lock", "v", session: "s");
        });
        store.DestroySession(3, "s");
        Assert.True(ws.HasFired);
    }

    [Fact]
    public void FailedTxn_DoesNotFire()
    {
        var (store, ws) = Armed((s, w) => s.KvGet("a", w));
        store.Txn(1, TestKv.Op(KvVerb.Set, "a", "1"), TestKv.Op(KvVerb.Get, "missing"));
        Assert.False(ws.HasFired);
    }

    [Fact]
    public void Register_AfterChangeOfTopic_FiresAtOnce()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        var snap = store.Snapshot();
        var ws = new WatchSet();
        snap.KvGet("a", ws);
        store.Set(2, "a", "2");
        store.Register(ws, snap);
        Assert.True(ws.HasFired);
        Assert.Equal(0, store.WatcherCount);
    }

    [Fact]
    public void Register_AfterDeleteUnderPrefix_FiresAtOnce()
    {
        var store = new StateStore();
        store.Set(1, "p/a", "1");
        var snap = store.Snapshot();
        var ws = new WatchSet();
        snap.KvList("p/", ws);
        store.Kv(2, KvVerb.Delete, "p/a");
        store.Apply(new Trellis.State.Commands.TombstoneReapCommand(2), 3);
        store.Register(ws, snap);
        Assert.True(ws.HasFired);
    }

    [Fact]
    public void Register_AfterUnrelatedChange_StaysArmed()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        var snap = store.Snapshot();
        var ws = new WatchSet();
        snap.KvGet("a", ws);
        snap.KvList("p/", ws);
        store.Set(2, "b", "2");
        store.Set(3, "p", "2");
        store.Register(ws, snap);
        Assert.False(ws.HasFired);
        Assert.Equal(2, store.WatcherCount);
        store.Set(4, "p/x", "3");
        Assert.True(ws.HasFired);
        Assert.Equal(0, store.WatcherCount);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_ThrowsAndUnregisters()
    {
        var (store, ws) = Armed((s, w) => s.KvGet("a", w));
        using var cts = new CancellationTokenSource();
        var wait = ws.WaitAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Bound));
        Assert.Equal(0, store.WatcherCount);
    }

    [Fact]
    public void Dispose_Twice_IsIdempotentAndDisposedSetIsNeverArmed()
    {
        var (store, ws) = Armed((s, w) => s.KvGet("a", w));
        ws.Dispose();
        ws.Dispose();
        Assert.Equal(0, store.WatcherCount);
        var late = new WatchSet();
        store.Snapshot().KvGet("a", late);
        late.Dispose();
        store.Register(late, store.Snapshot());
        Assert.Equal(0, store.WatcherCount);
    }

    [Fact]
    public void Restore_FiresEveryWatch()
    {
        var (store, ws) = Armed((s, w) => s.SessionList(w));
        var other = new StateStore();
        using var ms = new MemoryStream();
        StateStore.WriteTo(other.Snapshot(), ms);
        ms.Position = 0;
        store.Restore(ms);
        Assert.True(ws.HasFired);
    }

    [Fact]
    public async Task ManyWatchers_HalfDisposedHalfCancelled_LeaveNoRegistration()
    {
        const int n = 100_000;
        var store = new StateStore();
        var snap = store.Snapshot();
        var sets = new WatchSet[n];
        var sources = new CancellationTokenSource[n];
        var waits = new Task[n];
        for (var i = 0; i < n; i++)
        {
            var ws = sets[i] = new WatchSet();
            snap.KvGet("key/" + (i % 1000), ws);
            snap.KvList("key/" + (i % 7), ws);
            store.Register(ws, snap);
            sources[i] = new CancellationTokenSource();
            waits[i] = ws.WaitAsync(sources[i].Token);
        }

        Assert.Equal(2 * n, store.WatcherCount);
        var disposer = Task.Run(() =>
        {
            for (var i = 0; i < n; i += 2)
            {
                sets[i].Dispose();
            }
        });
        var canceller = Task.Run(() =>
        {
            for (var i = 1; i < n; i += 2)
            {
                sources[i].Cancel();
            }
        });
        for (ulong idx = 1; idx <= 50; idx++)
        {
            store.Set(idx, "unrelated/" + idx, "v");
        }

        await Task.WhenAll(disposer, canceller).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, store.WatcherCount);
        Assert.All(waits.Where((_, i) => i % 2 == 1), t => Assert.True(t.IsCanceled));
        store.Set(51, "key/1", "v");
        Assert.DoesNotContain(sets, s => s.HasFired);
        foreach (var s in sources)
        {
            s.Dispose();
        }
    }

    [Fact]
    public async Task FanOut_ManyWatchersOnOneKey_AllFire()
    {
        var store = new StateStore();
        var snap = store.Snapshot();
        var sets = Enumerable.Range(0, 20_000).Select(_ => new WatchSet()).ToArray();
        foreach (var ws in sets)
        {
            snap.KvGet("hot", ws);
            store.Register(ws, snap);
        }

        store.Set(1, "hot", "v");
        await Task.WhenAll(sets.Select(s => s.WaitAsync(CancellationToken.None))).WaitAsync(Bound);
        Assert.Equal(0, store.WatcherCount);
    }
}
