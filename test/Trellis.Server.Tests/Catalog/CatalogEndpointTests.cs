using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Errors;
using Trellis.Core.Queries;
using Trellis.Server.Catalog;
using Trellis.Server.Tests.Testing;
using Trellis.State.Commands;

namespace Trellis.Server.Tests.Catalog;

public sealed class CatalogEndpointTests
{
    private static RegisterRequest Web(string node, int port = 80, params string[] tags) => new()
    {
        Node = node,
        Address = "10.0.0.1",
        Service = new NodeService { ID = "", Service = "web", Port = port, Tags = tags },
    };

    [Fact]
    public async Task RegisterAsync_ServiceWithoutId_DefaultsIdToNameAndProposesOneCommand()
    {
        await using var f = new ServerFixture();

        await f.Rpc.Catalog.RegisterAsync(Web("n1"), null, default);

        var command = Assert.IsType<CatalogRegisterCommand>(Assert.Single(f.Raft.Applied));
        Assert.Equal("web", command.Request.Service!.ID);
        Assert.Equal("dc1", command.Request.Datacenter);
        var instance = Assert.Single((await f.Rpc.Catalog.ServiceNodesAsync("web", [], false, QueryOptions.Default, default)).Value);
        Assert.Equal(("n1", "web", "dc1"), (instance.Node, instance.ServiceID, instance.Datacenter));
    }

    [Theory]
    [InlineData("", "1.2.3.4", "Must provide node")]
    [InlineData("n", "", "Must provide address if SkipNodeUpdate is not set")]
    public async Task RegisterAsync_BadNode_ThrowsConsulTextWithoutProposing(string node, string address, string expected)
    {
        await using var f = new ServerFixture();

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.Catalog.RegisterAsync(new RegisterRequest { Node = node, Address = address }, null, default));

        Assert.Equal(expected, e.Message);
        Assert.Empty(f.Raft.Applied);
    }

    [Fact]
    public async Task RegisterAsync_CheckForUnknownService_IsTheStateStoreError()
    {
        await using var f = new ServerFixture();

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.Catalog.RegisterAsync(
            new RegisterRequest { Node = "n1", Address = "1.2.3.4", Check = new HealthCheck { CheckID = "", Name = "c", ServiceID = "nope" } }, null, default));

        Assert.Equal("failed inserting check: Missing service registration", e.Message);
        Assert.Empty((await f.Rpc.Catalog.NodesAsync(QueryOptions.Default, default)).Value);
    }

    [Fact]
    public async Task RegisterAsync_OtherDatacenter_IsNoPathToDatacenter()
    {
        await using var f = new ServerFixture();

        var e = await Assert.ThrowsAsync<InternalServerErrorException>(() => f.Rpc.Catalog.RegisterAsync(Web("n1") with { Datacenter = "dc2" }, null, default));

        Assert.Equal("No path to datacenter", e.Message);
    }

    [Fact]
    public async Task ServicesAsync_UnionsTagsPerNameAndHonoursNodeMeta()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Web("n1", 80, "b", "a") with { NodeMeta = new Dictionary<string, string> { ["zone"] = "x" } }, null, default);
        await f.Rpc.Catalog.RegisterAsync(Web("n2", 80, "c", "a"), null, default);

        var all = (await f.Rpc.Catalog.ServicesAsync(QueryOptions.Default, default)).Value;
        var zoned = (await f.Rpc.Catalog.ServicesAsync(new QueryOptions { NodeMeta = new Dictionary<string, string> { ["zone"] = "x" } }, default)).Value;

        Assert.Equal(["a", "b", "c"], all["web"]);
        Assert.Equal(["a", "b"], zoned["web"]);
    }

    [Fact]
    public async Task ServiceNodesAsync_Tags_AreAllRequiredAndCaseInsensitive()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Web("n1", 80, "primary", "v1"), null, default);
        await f.Rpc.Catalog.RegisterAsync(Web("n2", 80, "v1"), null, default);

        var both = (await f.Rpc.Catalog.ServiceNodesAsync("web", ["V1"], false, QueryOptions.Default, default)).Value;
        var one = (await f.Rpc.Catalog.ServiceNodesAsync("web", ["v1", "primary"], false, QueryOptions.Default, default)).Value;

        Assert.Equal(["n1", "n2"], both.Select(s => s.Node));
        Assert.Equal(["n1"], one.Select(s => s.Node));
    }

    [Fact]
    public async Task NodesAsync_FilterWithoutEngine_Is400()
    {
        await using var f = new ServerFixture();

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.Catalog.NodesAsync(new QueryOptions { Filter = "Node == x" }, default));

        Assert.StartsWith("Failed to create boolean expression evaluator", e.Message);
    }

    [Fact]
    public async Task NodesAsync_WithFilterSeam_AppliesThePredicate()
    {
        await using var f = new ServerFixture();
        var catalog = new CatalogEndpoint(f.Raft, TimeProvider.System, f.Options, new NodeNameFilter());
        await catalog.RegisterAsync(Web("keep"), null, default);
        await catalog.RegisterAsync(Web("drop"), null, default);

        var nodes = (await catalog.NodesAsync(new QueryOptions { Filter = "keep" }, default)).Value;

        Assert.Equal(["keep"], nodes.Select(n => n.Node));
    }

    [Fact]
    public async Task NodeServiceListAsync_UnknownNode_HasNullNodeAndNoServices()
    {
        await using var f = new ServerFixture();

        var list = (await f.Rpc.Catalog.NodeServiceListAsync("ghost", QueryOptions.Default, default)).Value;

        Assert.Null(list.Node);
        Assert.Empty(list.Services);
    }

    [Fact]
    public async Task DeregisterAsync_Node_RemovesItsChecksToo()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Web("n1") with { Check = new HealthCheck { CheckID = "c", Status = HealthStatus.Passing } }, null, default);

        await f.Rpc.Catalog.DeregisterAsync(new DeregisterRequest { Node = "n1" }, null, default);

        Assert.Empty((await f.Rpc.Health.ChecksInStateAsync(HealthStatus.Any, QueryOptions.Default, default)).Value);
        Assert.Null((await f.Rpc.Catalog.NodeServicesAsync("n1", QueryOptions.Default, default)).Value);
    }

    /// <summary>A stand-in filter language for the seam: the expression is a node name to keep.</summary>
    private sealed class NodeNameFilter : IResultFilter
    {
        public Func<T, bool> Compile<T>(string expression) =>
            item => item is CatalogNode node && node.Node == expression;
    }
}
