using Trellis.Agent.Local;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Local;

public sealed class AntiEntropyTests
{
    private readonly InMemoryCatalog _catalog = new();
    private readonly LocalState _state = new("node1") { CheckUpdateInterval = TimeSpan.FromMinutes(5) };

    private AntiEntropy Create() => new(_state, _catalog, LocalTestKit.Identity, TimeSpan.FromMinutes(1), () => 1, () => new Dictionary<string, string>());

    private void AddWeb()
    {
        _state.AddService(new NodeService { ID = "web", Service = "web", Port = 80 });
        _state.AddCheck(new HealthCheck { CheckID = "web-check", Name = "web", ServiceID = "web", Status = HealthStatus.Critical });
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(128, 1)]
    [InlineData(129, 2)]
    [InlineData(256, 2)]
    [InlineData(257, 3)]
    [InlineData(10_000, 8)]
    public void ScaleFactor_ClusterSize_MatchesConsul(int nodes, int factor) => Assert.Equal(factor, AntiEntropy.ScaleFactor(nodes));

    [Fact]
    public async Task SyncFull_EmptyCatalog_RegistersNodeServiceAndChecks()
    {
        await using var ae = Create();
        AddWeb();
        _state.AddCheck(new HealthCheck { CheckID = "mem", Name = "mem", Status = HealthStatus.Passing });

        await ae.SyncFullAsync(CancellationToken.None);

        Assert.Equal(80, _catalog.Service("node1", "web")!.Port);
        Assert.Equal("web", _catalog.Check("node1", "web-check")!.ServiceName);
        Assert.Equal(HealthStatus.Passing, _catalog.Check("node1", "mem")!.Status);
        Assert.Contains("register node", _catalog.Calls);
        Assert.All(_state.View().Services, i => Assert.True(i.InSync));
        Assert.All(_state.View().Checks, i => Assert.True(i.InSync));
    }

    [Fact]
    public async Task SyncFull_ServiceDeletedFromCatalog_RegisteredAgain()
    {
        await using var ae = Create();
        AddWeb();
        await ae.SyncFullAsync(CancellationToken.None);

        await _catalog.DeregisterAsync(new DeregisterRequest { Node = "node1", ServiceID = "web" }, null, CancellationToken.None);
        Assert.Null(_catalog.Service("node1", "web"));
        await ae.SyncChangesAsync(CancellationToken.None);
        Assert.Null(_catalog.Service("node1", "web")); // a partial sync trusts the in-sync flags
        await ae.SyncFullAsync(CancellationToken.None);

        Assert.NotNull(_catalog.Service("node1", "web"));
        Assert.NotNull(_catalog.Check("node1", "web-check"));
    }

    [Fact]
    public async Task SyncFull_CatalogOnlyEntries_DeregisteredExceptServerOwned()
    {
        await using var ae = Create();
        AddWeb();
        await _catalog.RegisterAsync(new RegisterRequest
        {
            Node = "node1",
            Address = "127.0.0.1",
            Service = new NodeService { ID = "stray", Service = "stray" },
            Checks = [new HealthCheck { CheckID = "stray-check", ServiceID = "stray" }, new HealthCheck { CheckID = "node-stray" }, new HealthCheck { CheckID = CatalogNames.SerfCheckId }],
        }, null, CancellationToken.None);
        await _catalog.RegisterAsync(new RegisterRequest
        {
            Node = "node1",
            Address = "127.0.0.1",
            Service = new NodeService { ID = CatalogNames.ConsulServiceId, Service = CatalogNames.ConsulServiceName },
        }, null, CancellationToken.None);

        await ae.SyncFullAsync(CancellationToken.None);

        Assert.Null(_catalog.Service("node1", "stray"));
        Assert.Null(_catalog.Check("node1", "node-stray"));
        Assert.NotNull(_catalog.Check("node1", CatalogNames.SerfCheckId));
        Assert.NotNull(_catalog.Service("node1", CatalogNames.ConsulServiceId));
        Assert.NotNull(_catalog.Service("node1", "web"));
    }

    [Fact]
    public async Task SyncChanges_RemovedServiceAndCheck_DeregisteredAndForgotten()
    {
        await using var ae = Create();
        AddWeb();
        _state.AddCheck(new HealthCheck { CheckID = "mem", Name = "mem" });
        await ae.SyncFullAsync(CancellationToken.None);

        _state.RemoveCheck("web-check");
        _state.RemoveService("web");
        _state.RemoveCheck("mem");
        await ae.SyncChangesAsync(CancellationToken.None);

        Assert.Null(_catalog.Service("node1", "web"));
        Assert.Null(_catalog.Check("node1", "mem"));
        Assert.Empty(_state.View().Services);
        Assert.Empty(_state.View().Checks);
    }

    [Fact]
    public async Task SyncChanges_OutputOnlyChange_NotPushedUntilInterval_StatusChangePushed()
    {
        await using var ae = Create();
        AddWeb();
        await ae.SyncFullAsync(CancellationToken.None);

        _state.UpdateCheck("web-check", HealthStatus.Critical, "chatty output");
        await ae.SyncChangesAsync(CancellationToken.None);
        Assert.Equal("", _catalog.Check("node1", "web-check")!.Output);

        // A full sync does not push a deferred output either (the defer timer will).
        await ae.SyncFullAsync(CancellationToken.None);
        Assert.Equal("", _catalog.Check("node1", "web-check")!.Output);

        _state.UpdateCheck("web-check", HealthStatus.Passing, "now passing");
        await ae.SyncChangesAsync(CancellationToken.None);
        Assert.Equal((HealthStatus.Passing, "now passing"), (_catalog.Check("node1", "web-check")!.Status, _catalog.Check("node1", "web-check")!.Output));
    }

    [Fact]
    public async Task Loop_ServersFailing_RetriesUntilTheyAnswer()
    {
        _catalog.Fail = true;
        await using var ae = Create();
        AddWeb();
        ae.Start();
        await Task.Delay(200);
        Assert.Null(_catalog.Service("node1", "web"));

        _catalog.Fail = false;

        Assert.True(await LocalTestKit.EventuallyAsync(() => _catalog.Service("node1", "web") is not null));
    }

    [Fact]
    public async Task Loop_LocalChange_SyncedWithoutExplicitCall()
    {
        await using var ae = Create();
        ae.Start();
        Assert.True(await LocalTestKit.EventuallyAsync(() => ae.FullSyncs >= 1));

        AddWeb();
        _state.UpdateCheck("web-check", HealthStatus.Passing, "");

        Assert.True(await LocalTestKit.EventuallyAsync(() => _catalog.Check("node1", "web-check")?.Status == HealthStatus.Passing));
    }
}
