// Request bodies are anonymous objects with literal tag arrays, built once per test.
#pragma warning disable CA1861

using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Health;

/// <summary>
/// Blocking queries on /v1/health/service/:service wake on changes to that service only (the per-service watch).
/// Every wait is bounded.
/// </summary>
public sealed class HealthBlockingQueryTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];

    private async Task RegisterAsync(string node, string service, int port, string status = "passing")
    {
        var reply = await Http.PutJsonAsync("v1/catalog/register", new
        {
            Node = node, Address = "10.3.0.1",
            Service = new { Service = service, Port = port },
            Check = new { Name = service + "-check", Status = status, ServiceID = service },
        });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    [Fact]
    public async Task ServiceBlocking_ChangeToThatService_WakesWithNewIndex()
    {
        var web = $"web-{_id}";
        await RegisterAsync($"n-{_id}", web, 80);
        var index = (await Http.GetReplyAsync($"v1/health/service/{web}")).Index;

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var blocking = Http.GetReplyAsync($"v1/health/service/{web}?index={index}&wait=30s", bound.Token);
        await Task.Delay(300, bound.Token);
        Assert.False(blocking.IsCompleted, "returned before anything changed");

        await RegisterAsync($"n-{_id}", web, 81, "critical");
        var woke = await Task.WhenAny(blocking, Task.Delay(TimeSpan.FromSeconds(5), bound.Token));

        Assert.Same(blocking, woke);
        var reply = await blocking;
        Assert.True(reply.Index > index, $"index {reply.Index} not above {index}");
        var entry = Assert.Single(reply.Json().EnumerateArray());
        Assert.Equal(81, entry.GetProperty("Service").GetProperty("Port").GetInt32());
        Assert.Equal("critical", entry.GetProperty("Checks")[0].GetProperty("Status").GetString());
    }

    [Fact]
    public async Task ServiceBlocking_ManyWatchersWokenByOneChange_EachGetsTheNewAnswerInItsOwnForm()
    {
        var web = $"web-{_id}";
        await RegisterAsync($"n-{_id}", web, 80);
        var index = (await Http.GetReplyAsync($"v1/health/service/{web}")).Index;

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plain = Enumerable.Range(0, 4).Select(_ => Http.GetReplyAsync($"v1/health/service/{web}?index={index}&wait=30s", bound.Token)).ToList();
        var pretty = Http.GetReplyAsync($"v1/health/service/{web}?index={index}&wait=30s&pretty", bound.Token);
        var passingOnly = Http.GetReplyAsync($"v1/health/service/{web}?index={index}&wait=30s&passing", bound.Token);
        await Task.Delay(300, bound.Token);

        await RegisterAsync($"n-{_id}", web, 81, "critical");
        var all = await Task.WhenAll([.. plain, pretty, passingOnly]).WaitAsync(TimeSpan.FromSeconds(10), bound.Token);

        // Every plain watcher sees the change, byte for byte the same answer as a fresh read at that index.
        var fresh = await Http.GetReplyAsync($"v1/health/service/{web}", bound.Token);
        foreach (var reply in all[..4])
        {
            Assert.Equal(fresh.Index, reply.Index);
            Assert.Equal(fresh.Body, reply.Body);
            Assert.Equal(81, reply.Json()[0].GetProperty("Service").GetProperty("Port").GetInt32());
        }

        // The pretty watcher gets indented JSON ending in a newline, the passing one no instance (its check is critical).
        Assert.Contains("\n    ", all[4].Body, StringComparison.Ordinal);
        Assert.EndsWith("\n", all[4].Body, StringComparison.Ordinal);
        Assert.Equal(81, all[4].Json()[0].GetProperty("Service").GetProperty("Port").GetInt32());
        Assert.Empty(all[5].Json().EnumerateArray());
    }

    [Fact]
    public async Task ServiceBlocking_ChangesToOtherServicesAndNodes_DoNotWakeIt()
    {
        var web = $"web-{_id}";
        var other = $"db-{_id}";
        await RegisterAsync($"n-{_id}", web, 80);
        await RegisterAsync($"m-{_id}", other, 5432);
        var index = (await Http.GetReplyAsync($"v1/health/service/{web}")).Index;

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var blocking = Http.GetReplyAsync($"v1/health/service/{web}?index={index}&wait=3s", bound.Token);
        await Task.Delay(200, bound.Token);

        // Changes elsewhere: another service on another node, a brand-new node, a KV write.
        await RegisterAsync($"m-{_id}", other, 5433, "critical");
        await RegisterAsync($"o-{_id}", $"cache-{_id}", 6379);
        await Http.PutReplyAsync($"v1/kv/{Prefix}/noise", "x", bound.Token);
        await Http.PutJsonAsync("v1/catalog/deregister", new { Node = $"m-{_id}" }, bound.Token);
        await Task.Delay(800, bound.Token);
        Assert.False(blocking.IsCompleted, "a change to another service woke the query on web");

        // The wait ends with the same index and the same result.
        var reply = await blocking;
        Assert.Equal(index, reply.Index);
        Assert.Single(reply.Json().EnumerateArray());
    }

    [Fact]
    public async Task ServiceBlocking_ServiceDeregistered_WakesWithEmptyResult()
    {
        var web = $"web-{_id}";
        await RegisterAsync($"n-{_id}", web, 80);
        var index = (await Http.GetReplyAsync($"v1/health/service/{web}")).Index;

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var blocking = Http.GetReplyAsync($"v1/health/service/{web}?index={index}&wait=30s", bound.Token);
        await Task.Delay(200, bound.Token);
        await Http.PutJsonAsync("v1/catalog/deregister", new { Node = $"n-{_id}", ServiceID = web }, bound.Token);

        var woke = await Task.WhenAny(blocking, Task.Delay(TimeSpan.FromSeconds(5), bound.Token));
        Assert.Same(blocking, woke);
        var reply = await blocking;
        Assert.Empty(reply.Json().EnumerateArray());
        Assert.True(reply.Index > index);
    }
}
