using Trellis.Agent.Local;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Local;

public sealed class LocalStateTests
{
    private static LocalState WithCheck(TimeSpan updateInterval, out List<int> syncs)
    {
        var state = new LocalState("node1") { CheckUpdateInterval = updateInterval };
        state.AddService(new NodeService { ID = "web", Service = "web", Tags = ["v1"] });
        state.AddCheck(new HealthCheck { CheckID = "c1", Name = "c1", ServiceID = "web", Status = HealthStatus.Critical });
        state.SetInSync([("web", Version(state, "web", service: true), true)], [("c1", Version(state, "c1", service: false), true)]);
        var list = new List<int>();
        state.SyncNeeded += () => { lock (list) { list.Add(1); } };
        syncs = list;
        return state;
    }

    private static long Version(LocalState state, string id, bool service) =>
        service ? state.View().Services.Single(s => s.Id == id).Version : state.View().Checks.Single(c => c.Id == id).Version;

    [Fact]
    public void AddCheck_ServiceCheck_TakesServiceNameAndTags()
    {
        var state = WithCheck(TimeSpan.Zero, out _);

        var check = state.Check("c1")!;

        Assert.Equal(("web", "v1", "node1"), (check.ServiceName, string.Join(",", check.ServiceTags!), check.Node));
    }

    [Fact]
    public void AddCheck_UnknownService_Throws()
    {
        var state = new LocalState("node1");

        var error = Assert.Throws<InvalidOperationException>(() => state.AddCheck(new HealthCheck { CheckID = "c", ServiceID = "nope" }));

        Assert.Equal("ServiceID \"nope\" does not exist", error.Message);
    }

    [Fact]
    public void UpdateCheck_StatusChange_OutOfSyncAtOnce()
    {
        var state = WithCheck(TimeSpan.FromMinutes(5), out var syncs);

        state.UpdateCheck("c1", HealthStatus.Passing, "ok");

        Assert.False(state.View().Checks.Single().InSync);
        Assert.Single(syncs);
        Assert.Null(state.CriticalSince("c1"));
    }

    [Fact]
    public void UpdateCheck_OutputOnly_StoredButSyncDeferred()
    {
        var state = WithCheck(TimeSpan.FromMinutes(5), out var syncs);

        state.UpdateCheck("c1", HealthStatus.Critical, "new output");

        var item = state.View().Checks.Single();
        Assert.Equal("new output", state.Check("c1")!.Output);
        Assert.True(item.InSync);
        Assert.True(item.Deferred);
        Assert.Empty(syncs);
    }

    [Fact]
    public async Task UpdateCheck_OutputOnly_OutOfSyncOnceIntervalPassed()
    {
        var state = WithCheck(TimeSpan.FromMilliseconds(100), out var syncs);

        state.UpdateCheck("c1", HealthStatus.Critical, "out 1");
        state.UpdateCheck("c1", HealthStatus.Critical, "out 2");

        Assert.True(await LocalTestKit.EventuallyAsync(() => !state.View().Checks.Single().InSync));
        lock (syncs)
        {
            Assert.Single(syncs); // two outputs, one sync
        }
    }

    [Fact]
    public void UpdateCheck_NoInterval_OutputSyncedAtOnce()
    {
        var state = WithCheck(TimeSpan.Zero, out var syncs);

        state.UpdateCheck("c1", HealthStatus.Critical, "changed");

        Assert.False(state.View().Checks.Single().InSync);
        Assert.Single(syncs);
    }

    [Fact]
    public async Task WaitForChangeAsync_Change_Wakes()
    {
        var state = WithCheck(TimeSpan.Zero, out _);
        var index = state.Index;

        var wait = state.WaitForChangeAsync(index, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(wait.IsCompleted);
        state.UpdateCheck("c1", HealthStatus.Passing, "");

        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(10)) > index);
    }

    [Fact]
    public async Task WaitForChangeAsync_NoChange_ReturnsAfterTimeoutWithSameIndex()
    {
        var state = WithCheck(TimeSpan.Zero, out _);
        var index = state.Index;

        Assert.Equal(index, await state.WaitForChangeAsync(index, TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    [Fact]
    public void RemoveService_KeptAsDeletedUntilForgotten()
    {
        var state = WithCheck(TimeSpan.Zero, out _);

        Assert.True(state.RemoveService("web"));
        Assert.False(state.RemoveService("web"));

        Assert.Null(state.Service("web"));
        var item = state.View().Services.Single();
        Assert.True(item.Deleted);
        state.Forget("web", null, item.Version);
        Assert.Empty(state.View().Services);
    }
}
