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
    public async Task ServiceChecksAsync_ReturnsOnlyThatServicesChecks()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "db", HealthStatus.Passing), null, default);

        var checks = (await f.Rpc.Health.ServiceChecksAsync("web", QueryOptions.Default, default)).Value;

        Assert.Equal(["web-check"], checks.Select(c => c.CheckID));
    }
}
