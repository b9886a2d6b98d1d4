using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Queries;
using Trellis.Server.Tests.Testing;

namespace Trellis.Server.Tests.Catalog;

public sealed class HealthEndpointTests
{
    private static RegisterRequest Instance(string node, string service, string status) => new()
    {
        Node = node,
        Address = "10.0.0.1",
        Service = new NodeService { ID = service, Service = service },
        Checks =
        [
            new HealthCheck { CheckID = "serfHealth", Status = HealthStatus.Passing },
            new HealthCheck { CheckID = service + "-check", Status = status, ServiceID = service },
        ],
    };

    [Fact]
    public async Task ServiceNodesAsync_Passing_DropsInstancesWithWarningOrCritical()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("b", "web", HealthStatus.Warning), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("c", "web", HealthStatus.Critical), null, default);

        var all = (await f.Rpc.Health.ServiceNodesAsync("web", [], false, false, QueryOptions.Default, default)).Value;
        var passing = (await f.Rpc.Health.ServiceNodesAsync("web", [], true, false, QueryOptions.Default, default)).Value;

        Assert.Equal(["a", "b", "c"], all.Select(e => e.Node.Node));
        Assert.Equal(["a"], passing.Select(e => e.Node.Node));
        Assert.Equal(["serfHealth", "web-check"], all[0].Checks.Select(c => c.CheckID));
    }

    [Fact]
    public async Task ServiceNodesAsync_Blocking_WakesOnItsServiceOnly()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("b", "db", HealthStatus.Passing), null, default);
        var first = await f.Rpc.Health.ServiceNodesAsync("web", [], false, false, QueryOptions.Default, default);

        var blocking = f.Rpc.Health.ServiceNodesAsync("web", [], false, false, ServerFixture.Blocking(first.Meta.Index, TimeSpan.FromSeconds(30)), default);
        await f.Rpc.Catalog.RegisterAsync(Instance("b", "db", HealthStatus.Critical), null, default);
        await Task.Delay(200);
        Assert.False(blocking.IsCompleted);

        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Critical), null, default);
        var woke = await blocking.WaitAsync(ServerFixture.Bound);

        Assert.True(woke.Meta.Index > first.Meta.Index);
        Assert.Equal(HealthStatus.Critical, woke.Value[0].Checks[1].Status);
        Assert.Equal(0, f.Raft.Store.WatcherCount);
    }

    [Theory]
    [InlineData(HealthStatus.Passing, 3)]
    [InlineData(HealthStatus.Critical, 1)]
    [InlineData(HealthStatus.Warning, 0)]
    [InlineData(HealthStatus.Any, 4)]
    [InlineData("bogus", 0)]
    public async Task ChecksInStateAsync_EachState_CountsItsChecks(string state, int expected)
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("b", "web", HealthStatus.Critical), null, default);

        var checks = (await f.Rpc.Health.ChecksInStateAsync(state, QueryOptions.Default, default)).Value;

        Assert.Equal(expected, checks.Count);
    }

    [Fact]
    public async Task ServiceNodesAsync_BexprFilterOnChecks_UsesAnyElementSemantics()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("b", "web", HealthStatus.Critical), null, default);

        var critical = (await f.Rpc.Health.ServiceNodesAsync("web", [], false, false, new QueryOptions { Filter = "Checks.Status == critical" }, default)).Value;
        var onA = (await f.Rpc.Health.ServiceNodesAsync("web", [], false, false, new QueryOptions { Filter = "Node.Node == a" }, default)).Value;

        Assert.Equal(["b"], critical.Select(e => e.Node.Node));
        Assert.Equal(["a"], onA.Select(e => e.Node.Node));
    }

    [Fact]
    public async Task ServiceChecksAsync_ReturnsOnlyThatServicesChecks()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "db", HealthStatus.Passing), null, default);

        var checks = (await f.Rpc.Health.ServiceChecksAsync("web", QueryOptions.Default, default)).Value;

        Assert.Equal(["web-check"], checks.Select(c => c.CheckID));
    }

    [Fact]
    public async Task NodeDumpAsync_NodesWithAndWithoutServices_ListEachNodeWithItsServicesAndChecks()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "db", HealthStatus.Critical), null, default);
        await f.Rpc.Catalog.RegisterAsync(new RegisterRequest { Node = "b", Address = "10.0.0.2", NodeMeta = new Dictionary<string, string> { ["rack"] = "r2" } }, null, default);

        var dump = (await f.Rpc.Health.NodeDumpAsync(QueryOptions.Default, default)).Value;

        Assert.Equal(["a", "b"], dump.Select(n => n.Node));
        Assert.Equal(["db", "web"], dump[0].Services.Select(s => s.ID));
        Assert.Equal(["db-check", "serfHealth", "web-check"], dump[0].Checks.Select(c => c.CheckID));
        Assert.Empty(dump[1].Services);
        Assert.Empty(dump[1].Checks);
        Assert.Equal("r2", dump[1].Meta!["rack"]);
    }

    [Fact]
    public async Task NodeDumpAsync_NodeMetaAndFilter_KeepOnlyMatchingNodes()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(new RegisterRequest { Node = "b", Address = "10.0.0.2", NodeMeta = new Dictionary<string, string> { ["rack"] = "r2" } }, null, default);

        var byMeta = (await f.Rpc.Health.NodeDumpAsync(QueryOptions.Default with { NodeMeta = new Dictionary<string, string> { ["rack"] = "r2" } }, default)).Value;
        var byFilter = (await f.Rpc.Health.NodeDumpAsync(QueryOptions.Default with { Filter = "Address == \"10.0.0.1\"" }, default)).Value;

        Assert.Equal(["b"], byMeta.Select(n => n.Node));
        Assert.Equal(["a"], byFilter.Select(n => n.Node));
    }

    [Fact]
    public async Task NodeDumpAsync_Blocking_WakesWhenACheckChanges()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        var first = await f.Rpc.Health.NodeDumpAsync(QueryOptions.Default, default);

        var blocking = f.Rpc.Health.NodeDumpAsync(ServerFixture.Blocking(first.Meta.Index, TimeSpan.FromSeconds(30)), default);
        await Task.Delay(200);
        Assert.False(blocking.IsCompleted);
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Critical), null, default);
        var woke = await blocking.WaitAsync(ServerFixture.Bound);

        Assert.True(woke.Meta.Index > first.Meta.Index);
        Assert.Equal(HealthStatus.Critical, woke.Value[0].Checks.Single(c => c.CheckID == "web-check").Status);
    }
}
