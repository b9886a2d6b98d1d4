using Trellis.Api;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Queries;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Catalog;

/// <summary>The .NET client (Trellis.Api) against a real agent: catalog writes and reads, health reads, a blocking read.</summary>
public sealed class CatalogApiClientTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];

    private TrellisClient Client() => new(new ClientOptions { Address = Agent.HttpAddr }, null);

    [Fact]
    public async Task RegisterReadDeregister_ThroughTheClient_RoundTrips()
    {
        using var client = Client();
        var node = $"api-{_id}";
        var service = $"api-svc-{_id}";
        await client.Catalog.RegisterAsync(new RegisterRequest
        {
            Node = node,
            Address = "10.5.0.1",
            NodeMeta = new Dictionary<string, string> { ["team"] = "core" },
            Service = new NodeService { ID = "", Service = service, Port = 7000, Tags = ["x"] },
            Checks = [new HealthCheck { CheckID = "", Name = "svc", Status = HealthStatus.Passing, ServiceID = service }],
        });

        Assert.Contains("dc1", await client.Catalog.DatacentersAsync());
        Assert.Contains((await client.Catalog.NodesAsync()).Value, n => n.Node == node && n.Meta!["team"] == "core");
        Assert.Equal(["x"], (await client.Catalog.ServicesAsync()).Value[service]);
        var instance = Assert.Single((await client.Catalog.ServiceAsync(service, ["x"])).Value);
        Assert.Equal((service, 7000), (instance.ServiceID, instance.ServicePort));
        Assert.Equal(7000, (await client.Catalog.NodeAsync(node)).Value!.Services[service].Port);
        Assert.Single((await client.Catalog.NodeServicesAsync(node)).Value.Services);
        Assert.Equal(["svc"], (await client.Health.NodeAsync(node)).Value.Select(c => c.CheckID));
        Assert.Equal(["svc"], (await client.Health.ChecksAsync(service)).Value.Select(c => c.CheckID));
        Assert.Single((await client.Health.ServiceAsync(service, passing: true)).Value);
        Assert.Contains((await client.Health.StateAsync(HealthStatus.Passing)).Value, c => c.Node == node);
        var filtered = await client.Catalog.NodesAsync(new QueryOptions { NodeMeta = new Dictionary<string, string> { ["team"] = "core" } });
        Assert.Contains(filtered.Value, n => n.Node == node);
        Assert.DoesNotContain(filtered.Value, n => n.Node == Agent.NodeName);

        await client.Catalog.DeregisterAsync(new DeregisterRequest { Node = node });
        Assert.Null((await client.Catalog.NodeAsync(node)).Value);
    }

    [Fact]
    public async Task HealthService_BlockingQueryOptions_WakeOnChange()
    {
        using var client = Client();
        var node = $"api-b-{_id}";
        var service = $"api-b-svc-{_id}";
        var request = new RegisterRequest { Node = node, Address = "10.5.0.2", Service = new NodeService { ID = service, Service = service, Port = 1 } };
        await client.Catalog.RegisterAsync(request);
        var first = await client.Health.ServiceAsync(service);

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var blocking = client.Health.ServiceAsync(service, options: new QueryOptions { MinQueryIndex = first.Meta.Index, MaxQueryTime = TimeSpan.FromSeconds(30) },
            cancellationToken: bound.Token);
        await Task.Delay(200, bound.Token);
        Assert.False(blocking.IsCompleted);
        await client.Catalog.RegisterAsync(request with { Service = request.Service with { Port = 2 } }, cancellationToken: bound.Token);

        var woke = await blocking;
        Assert.True(woke.Meta.Index > first.Meta.Index);
        Assert.Equal(2, Assert.Single(woke.Value).Service.Port);
    }
}
