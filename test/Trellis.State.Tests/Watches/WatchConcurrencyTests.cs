using Trellis.State.Watches;

namespace Trellis.State.Tests.Watches;

public class WatchConcurrencyTests
{
    [Fact]
    public async Task Register_RacingWithWriter_NeverLosesAWakeup()
    {
        var store = new StateStore();
        store.Set(1, "k", "0");
        // Generous bounds: a lost registration hangs its reader forever (the writer keeps writing, so only a lost
        // registration can starve a reader); on a loaded 2-core CI machine 8,000 honest round trips can take 30 s.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var readersDone = 0;
        var writer = Task.Run(() =>
        {
            ulong idx = 1;
            while (Volatile.Read(ref readersDone) < 4 && !stop.IsCancellationRequested)
            {
                store.Set(++idx, "k", idx.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 2_000; i++)
                {
                    using var ws = new WatchSet();
                    var snap = store.Snapshot();
                    var (_, seen) = snap.KvGet("k", ws);
                    store.Register(ws, snap);
                    await ws.WaitAsync(stop.Token);
                    Assert.True(store.Snapshot().KvGet("k").Index > seen);
                }
            }
            finally
            {
                Interlocked.Increment(ref readersDone);
            }
        })).ToArray();

        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(150));
        await writer.WaitAsync(TimeSpan.FromSeconds(150));
        Assert.Equal(0, store.WatcherCount);
    }
}
