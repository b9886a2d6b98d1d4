using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Errors;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Queries;
using Trellis.Server.Tests.Testing;

namespace Trellis.Server.Tests.PreparedQueries;

public sealed class PreparedQueryEndpointTests
{
    private static RegisterRequest Instance(string node, string id, string status, string[]? tags = null,
        Dictionary<string, string>? nodeMeta = null, Dictionary<string, string>? serviceMeta = null, string service = "web") => new()
    {
        Node = node,
        Address = "10.0.0.1",
        NodeMeta = nodeMeta,
        Service = new NodeService { ID = id, Service = service, Tags = tags, Meta = serviceMeta },
        Checks =
        [
            new HealthCheck { CheckID = "serfHealth", Status = HealthStatus.Passing },
            new HealthCheck { CheckID = id + "-check", Status = status, ServiceID = id },
        ],
    };

    private static PreparedQuery Named(string name, ServiceQuery service) => new() { Name = name, Service = service };

    private static PreparedQueryExecuteRequest Run(string idOrName, int limit = 0, string near = "") =>
        new() { QueryIdOrName = idOrName, Limit = limit, Near = near, AgentNode = "agent-node" };

    private static async Task<string[]> ExecuteNodesAsync(ServerFixture f, string idOrName, int limit = 0) =>
        [.. (await f.Rpc.PreparedQuery.ExecuteAsync(Run(idOrName, limit), default)).Value.Nodes.Select(n => n.Node.Node).Order()];

    [Fact]
    public async Task ApplyAsync_Create_AssignsUuid_AndGetReturnsIt()
    {
        await using var f = new ServerFixture();
        var id = await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("q", new ServiceQuery { Service = "web" }), null, default);

        Assert.True(Guid.TryParse(id, out _));
        var got = Assert.Single((await f.Rpc.PreparedQuery.GetAsync(id, QueryOptions.Default, default)).Value);
        Assert.Equal(("q", "web", id), (got.Name, got.Service.Service, got.ID));
    }

    [Theory]
    [InlineData("", "", "web", "", "Invalid prepared query: Must be bound to a session")]
    [InlineData("q", "", "", "", "Invalid prepared query: Must provide a Service name to query")]
    [InlineData("q", "<hidden>", "web", "", "Invalid prepared query: Bad Token '<hidden>', it looks like a query definition with a redacted token was submitted")]
    [InlineData("q", "", "web", "10x", "Invalid prepared query: Bad DNS TTL '10x': time: invalid duration \"10x\"")]
    [InlineData("q", "", "web", "-1s", "Invalid prepared query: DNS TTL '-1000000000', must be >=0")]
    public async Task ApplyAsync_InvalidDefinition_ThrowsConsulText(string name, string token, string service, string ttl, string expected)
    {
        await using var f = new ServerFixture();
        var query = new PreparedQuery { Name = name, Token = token, Service = new ServiceQuery { Service = service }, DNS = new QueryDnsOptions { TTL = ttl } };

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, query, null, default));

        Assert.Equal(expected, e.Message);
        Assert.Empty(f.Raft.Applied);
    }

    [Fact]
    public async Task ApplyAsync_NegativeNearestN_AndTargetsWithDatacenters_AreRefused()
    {
        await using var f = new ServerFixture();
        var negative = Named("q", new ServiceQuery { Service = "web", Failover = new QueryFailoverOptions { NearestN = -1 } });
        var both = Named("q", new ServiceQuery
        {
            Service = "web",
            Failover = new QueryFailoverOptions { Datacenters = ["dc2"], Targets = [new QueryFailoverTarget { Datacenter = "dc3" }] },
        });

        Assert.Equal("Invalid prepared query: Bad NearestN '-1', must be >= 0",
            (await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, negative, null, default))).Message);
        Assert.Equal("Invalid prepared query: Targets cannot be populated with NearestN or Datacenters",
            (await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, both, null, default))).Message);
    }

    [Fact]
    public async Task ApplyAsync_CreateWithId_UpdateOrDeleteMissing_AreRefused()
    {
        await using var f = new ServerFixture();
        var missing = "5a1d3c2e-0000-4000-8000-000000000001";

        Assert.Equal("ID must be empty when creating a new prepared query", (await Assert.ThrowsAsync<InvalidRequestException>(() =>
            f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("q", new ServiceQuery { Service = "web" }) with { ID = missing }, null, default))).Message);
        Assert.Equal($"Cannot modify non-existent prepared query: '{missing}'", (await Assert.ThrowsAsync<InvalidRequestException>(() =>
            f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Update, Named("q", new ServiceQuery { Service = "web" }) with { ID = missing }, null, default))).Message);
        await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Delete, new PreparedQuery { ID = missing }, null, default));
    }

    [Fact]
    public async Task ApplyAsync_DuplicateName_ThrowsStateStoreText()
    {
        await using var f = new ServerFixture();
        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("q", new ServiceQuery { Service = "web" }), null, default);

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("Q", new ServiceQuery { Service = "db" }), null, default));

        Assert.Equal("name 'Q' aliases an existing query name", e.Message);
        Assert.Single((await f.Rpc.PreparedQuery.ListAsync(QueryOptions.Default, default)).Value);
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsQueryNotFound()
    {
        await using var f = new ServerFixture();
        var e = await Assert.ThrowsAsync<NotFoundException>(() => f.Rpc.PreparedQuery.GetAsync("nope", QueryOptions.Default, default));
        Assert.Equal("Query not found", e.Message);
        Assert.Equal("Query not found", (await Assert.ThrowsAsync<NotFoundException>(() => f.Rpc.PreparedQuery.ExecuteAsync(Run("nope"), default))).Message);
    }

    [Fact]
    public async Task ExecuteAsync_DropsCriticalAlways_AndWarningWithOnlyPassing()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("b", "web", HealthStatus.Warning), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("c", "web", HealthStatus.Critical), null, default);
        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("any", new ServiceQuery { Service = "web" }), null, default);
        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("passing", new ServiceQuery { Service = "web", OnlyPassing = true }), null, default);
        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("ignore", new ServiceQuery { Service = "web", IgnoreCheckIDs = ["web-check"] }), null, default);

        Assert.Equal(["a", "b"], await ExecuteNodesAsync(f, "any"));
        Assert.Equal(["a"], await ExecuteNodesAsync(f, "passing"));
        Assert.Equal(["a", "b", "c"], await ExecuteNodesAsync(f, "ignore"));
    }

    [Fact]
    public async Task ExecuteAsync_TagsNodeMetaServiceMeta_Filter()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing, ["Primary", "v1"], new() { ["zone"] = "east" }, new() { ["ver"] = "1" }), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("b", "web", HealthStatus.Passing, ["secondary", "v1"], new() { ["zone"] = "west" }, new() { ["ver"] = "2" }), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("c", "web", HealthStatus.Passing, ["v2"], new() { ["zone"] = "east" }, new() { ["ver"] = "2" }), null, default);
        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("tags", new ServiceQuery { Service = "web", Tags = ["v1", "!PRIMARY"] }), null, default);
        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("meta", new ServiceQuery { Service = "web", NodeMeta = new Dictionary<string, string> { ["zone"] = "east" } }), null, default);
        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("smeta", new ServiceQuery { Service = "web", ServiceMeta = new Dictionary<string, string> { ["ver"] = "2" } }), null, default);

        Assert.Equal(["b"], await ExecuteNodesAsync(f, "tags"));
        Assert.Equal(["a", "c"], await ExecuteNodesAsync(f, "meta"));
        Assert.Equal(["b", "c"], await ExecuteNodesAsync(f, "smeta"));
        Assert.Single(await ExecuteNodesAsync(f, "meta", limit: 1));
    }

    [Fact]
    public async Task ExecuteAsync_Near_PutsThatNodeFirst_AndAgentMeansTheCaller()
    {
        await using var f = new ServerFixture();
        foreach (var node in new[] { "a", "b", "c", "d", "agent-node" })
        {
            await f.Rpc.Catalog.RegisterAsync(Instance(node, "web", HealthStatus.Passing), null, default);
        }

        var id = await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("near", new ServiceQuery { Service = "web", Near = "_agent" }), null, default);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("agent-node", (await f.Rpc.PreparedQuery.ExecuteAsync(Run(id), default)).Value.Nodes[0].Node.Node);
            Assert.Equal("c", (await f.Rpc.PreparedQuery.ExecuteAsync(Run(id, near: "c"), default)).Value.Nodes[0].Node.Node);
        }
    }

    [Fact]
    public async Task ExecuteAsync_Template_RendersServiceFromName_AndReportsDnsAndDatacenter()
    {
        await using var f = new ServerFixture(new ServerOptions { Datacenter = "dc7" });
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "db", HealthStatus.Passing, ["primary"], service: "db"), null, default);
        await f.Rpc.Catalog.RegisterAsync(Instance("b", "db", HealthStatus.Passing, ["replica"], service: "db"), null, default);
        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, new PreparedQuery
        {
            Name = "geo-",
            Template = new QueryTemplateOptions { Type = QueryTemplateOptions.NamePrefixMatch, Regexp = "^geo-([a-z]+)-?(.*)$", RemoveEmptyTags = true },
            Service = new ServiceQuery { Service = "${match(1)}", Tags = ["${match(2)}"] },
            DNS = new QueryDnsOptions { TTL = "7s" },
        }, null, default);

        var all = (await f.Rpc.PreparedQuery.ExecuteAsync(Run("geo-db"), default)).Value;
        var primary = (await f.Rpc.PreparedQuery.ExecuteAsync(Run("geo-db-primary"), default)).Value;
        var explained = (await f.Rpc.PreparedQuery.ExplainAsync("geo-db-primary", "", QueryOptions.Default, default)).Value;

        Assert.Equal(("db", "dc7", "7s", 0), (all.Service, all.Datacenter, all.DNS.TTL, all.Failovers));
        Assert.Equal(["a", "b"], all.Nodes.Select(n => n.Node.Node).Order());
        Assert.Equal(["a"], primary.Nodes.Select(n => n.Node.Node));
        Assert.Equal("db", explained.Query.Service.Service);
        Assert.Equal(["primary"], explained.Query.Service.Tags!);
    }

    [Fact]
    public async Task ExecuteAsync_Connect_ReturnsProxiesInsteadOfTheService()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Catalog.RegisterAsync(Instance("a", "web", HealthStatus.Passing), null, default);
        await f.Rpc.Catalog.RegisterAsync(new RegisterRequest
        {
            Node = "b",
            Address = "10.0.0.2",
            Service = new NodeService
            {
                ID = "web-proxy", Service = "web-proxy", Kind = ServiceKinds.ConnectProxy, Port = 21000,
                Proxy = new ConnectProxyConfig { DestinationServiceName = "web" },
            },
        }, null, default);
        var plain = await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("plain", new ServiceQuery { Service = "web" }), null, default);
        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("mesh", new ServiceQuery { Service = "web", Connect = true }), null, default);

        Assert.Equal(["a"], await ExecuteNodesAsync(f, plain));
        Assert.Equal(["b"], await ExecuteNodesAsync(f, "mesh"));
        var viaParameter = (await f.Rpc.PreparedQuery.ExecuteAsync(Run(plain) with { Connect = true }, default)).Value;
        Assert.Equal(("web", "web-proxy"), (viaParameter.Service, Assert.Single(viaParameter.Nodes).Service.ID));
    }

    [Fact]
    public async Task ListAsync_Blocking_WakesOnCreate()
    {
        await using var f = new ServerFixture();
        var first = await f.Rpc.PreparedQuery.ListAsync(QueryOptions.Default, default);
        var waiting = f.Rpc.PreparedQuery.ListAsync(ServerFixture.Blocking(first.Meta.Index, TimeSpan.FromSeconds(30)), default);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, Named("q", new ServiceQuery { Service = "web" }), null, default);
        var result = await waiting.WaitAsync(ServerFixture.Bound);

        Assert.Single(result.Value);
        Assert.True(result.Meta.Index > first.Meta.Index);
    }

    [Fact]
    public async Task SessionDestroy_DeletesBoundQuery()
    {
        await using var f = new ServerFixture();
        var session = await f.CreateSessionAsync();
        var id = await f.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, new PreparedQuery { Session = session, Service = new ServiceQuery { Service = "web" } }, null, default);
        Assert.Single((await f.Rpc.PreparedQuery.GetAsync(id, QueryOptions.Default, default)).Value);

        await f.Rpc.Session.DestroyAsync(session, null, default);

        await Assert.ThrowsAsync<NotFoundException>(() => f.Rpc.PreparedQuery.GetAsync(id, QueryOptions.Default, default));
    }
}
