using System.Net;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Txn;

/// <summary>
/// PUT /v1/txn with Node, Service and Check operations against a real agent: atomic with each other and with KV,
/// visible to catalog and health reads (and their blocking queries), rolled back whole on any failure.
/// </summary>
public sealed class TxnCatalogTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private string Name(string s) => $"{s}-{_id}";

    private object SetNodeServiceCheck(string node, string service) => new object[]
    {
        new { Node = new { Verb = "set", Node = new { Node = node, Address = "10.70.0.1", Meta = new { rack = "r7" } } } },
        new { Service = new { Verb = "set", Node = node, Service = new { Service = service, Port = 5432, Tags = new[] { "primary" } } } },
        new { Check = new { Verb = "set", Check = new { Node = node, Name = "alive", ServiceID = service, Status = "passing", Definition = new { TCP = "10.70.0.1:5432", Interval = "10s" } } } },
        new { KV = new { Verb = "set", Key = $"txn-catalog/{_id}/leader", Value = Convert.ToBase64String("n"u8.ToArray()) } },
    };

    [Fact]
    public async Task Set_NodeServiceCheckAndKv_AppliedTogetherAndReadableEverywhere()
    {
        var node = Name("db-node");
        var service = Name("db");

        var reply = await Http.PutJsonAsync("v1/txn", SetNodeServiceCheck(node, service));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var results = reply.Json().GetProperty("Results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        Assert.Equal(node, results[0].GetProperty("Node").GetProperty("Node").GetString());
        Assert.Equal("dc1", results[0].GetProperty("Node").GetProperty("Datacenter").GetString());
        Assert.Equal(service, results[1].GetProperty("Service").GetProperty("ID").GetString());
        Assert.Equal("alive", results[2].GetProperty("Check").GetProperty("CheckID").GetString());
        Assert.Equal("tcp", results[2].GetProperty("Check").GetProperty("Type").GetString());
        Assert.False(results[0].TryGetProperty("KV", out _));

        var entry = (await Http.GetReplyAsync($"v1/health/service/{service}?passing")).Json().EnumerateArray().Single();
        Assert.Equal(node, entry.GetProperty("Node").GetProperty("Node").GetString());
        Assert.Equal("r7", entry.GetProperty("Node").GetProperty("Meta").GetProperty("rack").GetString());
        Assert.Equal(5432, entry.GetProperty("Service").GetProperty("Port").GetInt32());
        Assert.Equal("alive", entry.GetProperty("Checks").EnumerateArray().Single().GetProperty("CheckID").GetString());
        Assert.Equal("n", (await Http.GetReplyAsync($"v1/kv/txn-catalog/{_id}/leader?raw")).Body);
    }

    [Fact]
    public async Task Gets_AreAReadOnlyTransaction_WithLeaderHeadersAndNoIndex()
    {
        var node = Name("ro-node");
        var service = Name("ro");
        Assert.Equal(HttpStatusCode.OK, (await Http.PutJsonAsync("v1/txn", SetNodeServiceCheck(node, service))).Status);

        var reply = await Http.PutJsonAsync("v1/txn", new object[]
        {
            new { Node = new { Verb = "get", Node = new { Node = node } } },
            new { Service = new { Verb = "get", Node = node, Service = new { ID = service } } },
            new { Check = new { Verb = "get", Check = new { Node = node, CheckID = "alive" } } },
        });

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("true", reply.Header("X-Consul-KnownLeader"));
        Assert.Null(reply.Header("X-Consul-Index"));
        var results = reply.Json().GetProperty("Results").EnumerateArray().ToList();
        Assert.Equal("10.70.0.1", results[0].GetProperty("Node").GetProperty("Address").GetString());
        Assert.Equal(["primary"], results[1].GetProperty("Service").GetProperty("Tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("passing", results[2].GetProperty("Check").GetProperty("Status").GetString());
    }

    [Fact]
    public async Task OneFailure_409WithConsulErrors_AndNothingApplied()
    {
        var node = Name("rb-node");
        var reply = await Http.PutJsonAsync("v1/txn", new object[]
        {
            new { Node = new { Verb = "set", Node = new { Node = node, Address = "10.71.0.1" } } },
            new { KV = new { Verb = "set", Key = $"txn-catalog/{_id}/rolled-back", Value = "eA==" } },
            new { Service = new { Verb = "set", Node = Name("ghost"), Service = new { Service = "x" } } },
            new { Check = new { Verb = "cas", Check = new { Node = node, CheckID = "c", ModifyIndex = 5 } } },
        });

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        var errors = reply.Json().GetProperty("Errors").EnumerateArray()
            .Select(e => (e.GetProperty("OpIndex").GetInt32(), e.GetProperty("What").GetString())).ToList();
        Assert.Equal([(2, "Missing node registration"), (3, $"failed to set check \"c\" on node \"{node}\", index is stale")], errors);
        Assert.Equal(JsonValueKind.Null, reply.Json().GetProperty("Results").ValueKind);
        Assert.Equal("null", (await Http.GetReplyAsync($"v1/catalog/node/{node}")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/txn-catalog/{_id}/rolled-back")).Status);
    }

    [Fact]
    public async Task BadOperations_AreRefusedBeforeAnythingRuns()
    {
        var reply = await Http.PutJsonAsync("v1/txn", new object[]
        {
            new { Node = new { Verb = "set", Node = new { Node = "", Address = "10.0.0.1" } } },
            new { Node = new { Verb = "set", Node = new { Node = Name("n"), ID = "not-a-uuid" } } },
            new { Service = new { Verb = "set", Node = Name("n"), Service = new { ID = "only-id" } } },
            new { Check = new { Verb = "set", Check = new { Node = Name("n") } } },
            new { Check = new { Verb = "set", Check = new { Node = Name("n"), Name = "c", Status = "sleepy" } } },
            new { Unknown = new { Verb = "set" } },
        });

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        var errors = reply.Json().GetProperty("Errors").EnumerateArray().Select(e => e.GetProperty("What").GetString()).ToList();
        Assert.Equal(
        [
            "Must provide node",
            "Bad node ID: uuid string is wrong length",
            "Must provide service name (Service.Service) when service ID is provided",
            "Must provide a check ID or name",
            "Invalid check status: \"sleepy\"",
            "unknown operation type",
        ], errors);

        var badVerb = await Http.PutJsonAsync("v1/txn", new object[] { new { Node = new { Verb = "explode", Node = new { Node = "x" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, badVerb.Status);
        Assert.StartsWith("Failed to parse body: ", badVerb.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckFlipInTxn_WakesABlockingHealthQuery()
    {
        var node = Name("bq-node");
        var service = Name("bq");
        Assert.Equal(HttpStatusCode.OK, (await Http.PutJsonAsync("v1/txn", SetNodeServiceCheck(node, service))).Status);
        var index = (await Http.GetReplyAsync($"v1/health/service/{service}?passing")).Index;

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var blocking = Http.GetReplyAsync($"v1/health/service/{service}?passing&index={index}&wait=25s", bound.Token);
        var flip = await Http.PutJsonAsync("v1/txn", new object[]
        {
            new { Check = new { Verb = "set", Check = new { Node = node, CheckID = "alive", ServiceID = service, Status = "critical" } } },
        });
        Assert.True(flip.Status == HttpStatusCode.OK, flip.ToString());

        var woken = await blocking;
        Assert.True(woken.Index > index, woken.ToString());
        Assert.Empty(woken.Json().EnumerateArray());
    }
}
