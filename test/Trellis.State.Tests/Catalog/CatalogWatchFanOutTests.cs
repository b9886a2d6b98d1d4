using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.State.Watches;
using static Trellis.State.Tests.Catalog.TestCatalog;

namespace Trellis.State.Tests.Catalog;

/// <summary>The scale property of health blocking queries: a change wakes the watchers of the services it touched, no others.</summary>
public class CatalogWatchFanOutTests
{
    private const int Services = 200;
    private const int WatchersPerService = 10;

    [Fact]
    public void ServiceWatches_ChangeToOneService_WakesOnlyItsWatchers()
    {
        var store = new StateStore();
        ulong index = 0;
        for (var i = 0; i < Services; i++)
        {
            store.Register(++index, Node($"n{i}") with { Service = Service($"s{i}"), Check = Check($"n{i}", "serfHealth") });
        }

        var snapshot = store.Snapshot();
        var watches = new List<(int Service, WatchSet Watch)>();
        for (var i = 0; i < Services * WatchersPerService; i++)
        {
            var service = i % Services;
            var watch = new WatchSet();
            snapshot.HealthServiceNodes($"s{service}", connect: false, watch);
            store.Register(watch, snapshot);
            watches.Add((service, watch));
        }

        Assert.Equal(Services * WatchersPerService, store.WatcherCount);

        // A service change wakes that service's watchers only.
        store.Register(++index, Node("n42") with { SkipNodeUpdate = true, Service = Service("s42", port: 81) });
        Assert.Equal(Enumerable.Repeat(42, WatchersPerService), watches.Where(w => w.Watch.HasFired).Select(w => w.Service));

        // A node check wakes the watchers of the services on that node only.
        store.Register(++index, Node("n7") with { SkipNodeUpdate = true, Check = Check("n7", "serfHealth", HealthStatus.Critical) });
        Assert.Equal([7, 42], watches.Where(w => w.Watch.HasFired).Select(w => w.Service).Distinct().Order());

        // A new node with a new service, and a KV write, wake nobody.
        store.Register(++index, Node("fresh") with { Service = Service("other") });
        store.Set(++index, "k", "v");
        Assert.Equal(2 * WatchersPerService, watches.Count(w => w.Watch.HasFired));
        Assert.Equal((Services - 2) * WatchersPerService, store.WatcherCount);

        foreach (var (_, watch) in watches)
        {
            watch.Dispose();
        }

        Assert.Equal(0, store.WatcherCount);
    }

    [Fact]
    public void NodesTableWatch_AnyNodeChange_Wakes()
    {
        var store = new StateStore();
        store.Register(1, Node("a"));
        var snapshot = store.Snapshot();
        using var watch = new WatchSet();
        snapshot.CatalogNodes(watch);
        store.Register(watch, snapshot);

        store.Register(2, Node("a") with { SkipNodeUpdate = true, Service = Service("x") });
        Assert.False(watch.HasFired);
        store.Register(3, Node("b"));
        Assert.True(watch.HasFired);
    }
}
