// Request bodies are anonymous objects with literal arrays, built once per test.
#pragma warning disable CA1861

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.PreparedQueries;

/// <summary>/v1/query against a real agent: the CRUD cycle, execute with every filter, templates, explain and errors.</summary>
public sealed class PreparedQueryHttpTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];

    private string Name(string s) => $"{s}-{_id}";

    private Task<HttpReply> PostAsync(string path, object body) =>
        Http.SendRawAsync(HttpMethod.Post, path, JsonContent.Create(body, options: Json));

    private Task<HttpReply> SendTextAsync(HttpMethod method, string path, string body) =>
        Http.SendRawAsync(method, path, new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<string> CreateAsync(object body)
    {
        var reply = await PostAsync("v1/query", body);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Json().GetProperty("ID").GetString()!;
    }

    private async Task RegisterAsync(string node, string service, string status, string[] tags, object? nodeMeta = null, object? serviceMeta = null)
    {
        var reply = await Http.PutJsonAsync("v1/catalog/register", new
        {
            Node = node, Address = "10.9.0.1", NodeMeta = nodeMeta,
            Service = new { Service = service, Tags = tags, Meta = serviceMeta },
            Checks = new object[] { new { Name = "serf", Status = "passing" }, new { Name = "svc", Status = status, ServiceID = service } },
        });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    private async Task<string[]> ExecuteNodesAsync(string idOrName, string query = "")
    {
        var reply = await Http.GetReplyAsync($"v1/query/{idOrName}/execute{query}");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return [.. reply.Json().GetProperty("Nodes").EnumerateArray().Select(n => n.GetProperty("Node").GetProperty("Node").GetString()!).Order()];
    }

    [Fact]
    public async Task Query_CreateListReadUpdateDelete_RoundTripsConsulShape()
    {
        var id = await CreateAsync(new
        {
            Name = Name("crud"),
            Service = new
            {
                Service = "web", OnlyPassing = true, Tags = new[] { "v1", "!canary" }, NodeMeta = new { zone = "east" },
                Failover = new { NearestN = 2, Datacenters = new[] { "dc2" } },
            },
            DNS = new { TTL = "10s" },
        });
        Assert.True(Guid.TryParse(id, out _));

        var read = await Http.GetReplyAsync($"v1/query/{id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.True(read.Index > 0);
        var q = Assert.Single(read.Json().EnumerateArray());
        foreach (var field in new[] { "ID", "Name", "Session", "Token", "Template", "Service", "DNS", "CreateIndex", "ModifyIndex" })
        {
            Assert.True(q.TryGetProperty(field, out _), $"missing {field} in {read}");
        }

        // Consul's field order (Go encodes struct fields in declaration order).
        Assert.Equal(
            ["Service", "SamenessGroup", "Failover", "OnlyPassing", "IgnoreCheckIDs", "Near", "Tags", "NodeMeta", "ServiceMeta", "Connect", "Peer"],
            q.GetProperty("Service").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["NearestN", "Datacenters", "Targets"], q.GetProperty("Service").GetProperty("Failover").EnumerateObject().Select(p => p.Name));

        Assert.Equal(["Type", "Regexp", "RemoveEmptyTags"], q.GetProperty("Template").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, q.GetProperty("Service").GetProperty("Failover").GetProperty("NearestN").GetInt32());
        Assert.Equal("10s", q.GetProperty("DNS").GetProperty("TTL").GetString());
        Assert.Equal("east", q.GetProperty("Service").GetProperty("NodeMeta").GetProperty("zone").GetString());

        var list = await Http.GetReplyAsync("v1/query");
        Assert.Contains(list.Json().EnumerateArray(), e => e.GetProperty("ID").GetString() == id);

        var update = await Http.PutJsonAsync($"v1/query/{id}", new { Name = Name("crud2"), Service = new { Service = "db" } });
        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Equal("", update.Body);
        var updated = Assert.Single((await Http.GetReplyAsync($"v1/query/{id}")).Json().EnumerateArray());
        Assert.Equal((Name("crud2"), "db"), (updated.GetProperty("Name").GetString(), updated.GetProperty("Service").GetProperty("Service").GetString()));
        Assert.True(updated.GetProperty("ModifyIndex").GetUInt64() > updated.GetProperty("CreateIndex").GetUInt64());

        var delete = await Http.DeleteReplyAsync($"v1/query/{id}");
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        var gone = await Http.GetReplyAsync($"v1/query/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("Query not found", gone.Body.Trim());
    }

    [Fact]
    public async Task Execute_TagsNotTagsOnlyPassingMetaAndLimit_FilterInstances()
    {
        var svc = Name("exec");
        await RegisterAsync(Name("n1"), svc, "passing", ["v1", "primary"], new { zone = "east" }, new { ver = "1" });
        await RegisterAsync(Name("n2"), svc, "warning", ["v1"], new { zone = "west" }, new { ver = "2" });
        await RegisterAsync(Name("n3"), svc, "passing", ["v2"], new { zone = "east" }, new { ver = "2" });
        await RegisterAsync(Name("n4"), svc, "critical", ["v1"], new { zone = "east" }, new { ver = "1" });

        var all = await CreateAsync(new { Name = Name("all"), Service = new { Service = svc }, DNS = new { TTL = "3s" } });
        await CreateAsync(new { Name = Name("tags"), Service = new { Service = svc, Tags = new[] { "V1", "!primary" } } });
        await CreateAsync(new { Name = Name("passing"), Service = new { Service = svc, OnlyPassing = true } });
        await CreateAsync(new { Name = Name("nodemeta"), Service = new { Service = svc, NodeMeta = new { zone = "east" } } });
        await CreateAsync(new { Name = Name("svcmeta"), Service = new { Service = svc, ServiceMeta = new { ver = "2" } } });

        var reply = await Http.GetReplyAsync($"v1/query/{all}/execute");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var body = reply.Json();
        Assert.Equal(svc, body.GetProperty("Service").GetString());
        Assert.Equal(
            ["Service", "Nodes", "DNS", "Datacenter", "PeerName", "Failovers", "Index", "LastContact", "KnownLeader", "ConsistencyLevel", "NotModified", "Backend"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("3s", body.GetProperty("DNS").GetProperty("TTL").GetString());
        Assert.Equal(0, body.GetProperty("Failovers").GetInt32());
        var dcs = (await Http.GetReplyAsync("v1/catalog/datacenters")).Json();
        Assert.Equal(dcs[0].GetString(), body.GetProperty("Datacenter").GetString());
        var entry = body.GetProperty("Nodes")[0];
        Assert.True(entry.TryGetProperty("Node", out _) && entry.TryGetProperty("Service", out _) && entry.TryGetProperty("Checks", out _));

        Assert.Equal([Name("n1"), Name("n2"), Name("n3")], await ExecuteNodesAsync(all));
        Assert.Equal([Name("n2")], await ExecuteNodesAsync(Name("tags")));
        Assert.Equal([Name("n1"), Name("n3")], await ExecuteNodesAsync(Name("passing")));
        Assert.Equal([Name("n1"), Name("n3")], await ExecuteNodesAsync(Name("nodemeta")));
        Assert.Equal([Name("n2"), Name("n3")], await ExecuteNodesAsync(Name("svcmeta")));
        Assert.Equal(2, (await ExecuteNodesAsync(all, "?limit=2")).Length);
        for (var i = 0; i < 5; i++)
        {
            var first = (await Http.GetReplyAsync($"v1/query/{all}/execute?near={Name("n3")}")).Json().GetProperty("Nodes")[0];
            Assert.Equal(Name("n3"), first.GetProperty("Node").GetProperty("Node").GetString());
        }
    }

    [Fact]
    public async Task Templates_PrefixAndRegexp_RenderAndExplain()
    {
        var svc = Name("tmpl");
        await RegisterAsync(Name("t1"), svc, "passing", ["primary"]);
        await RegisterAsync(Name("t2"), svc, "passing", ["replica"]);
        var prefix = Name("pfx") + "-";
        var regexp = Name("rx") + "-";
        await CreateAsync(new { Name = prefix, Template = new { Type = "name_prefix_match" }, Service = new { Service = "${name.suffix}" } });
        await CreateAsync(new
        {
            Name = regexp,
            Template = new { Type = "name_prefix_match", Regexp = "^" + regexp + "(.+?)(?:-(primary|replica))?$", RemoveEmptyTags = true },
            Service = new { Service = "${match(1)}", Tags = new[] { "${match(2)}" } },
        });

        Assert.Equal([Name("t1"), Name("t2")], await ExecuteNodesAsync(prefix + svc));
        Assert.Equal([Name("t1"), Name("t2")], await ExecuteNodesAsync(regexp + svc));
        Assert.Equal([Name("t2")], await ExecuteNodesAsync(regexp + svc + "-replica"));

        var explain = await Http.GetReplyAsync($"v1/query/{regexp}{svc}-primary/explain");
        Assert.Equal(HttpStatusCode.OK, explain.Status);
        var rendered = explain.Json().GetProperty("Query");
        Assert.Equal(svc, rendered.GetProperty("Service").GetProperty("Service").GetString());
        Assert.Equal(["primary"], rendered.GetProperty("Service").GetProperty("Tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(regexp, rendered.GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Errors_HaveConsulTextsAndCodes()
    {
        async Task Expect(HttpStatusCode status, string text, Task<HttpReply> call)
        {
            var reply = await call;
            Assert.True(reply.Status == status, reply.ToString());
            Assert.Equal(text, reply.Body.Trim());
        }

        await Expect(HttpStatusCode.BadRequest, "Invalid prepared query: Must provide a Service name to query",
            PostAsync("v1/query", new { Name = Name("nosvc") }));
        await Expect(HttpStatusCode.BadRequest, "Invalid prepared query: Must be bound to a session",
            PostAsync("v1/query", new { Service = new { Service = "web" } }));
        await Expect(HttpStatusCode.BadRequest, "ID must be empty when creating a new prepared query",
            PostAsync("v1/query", new { ID = Guid.NewGuid().ToString(), Name = Name("withid"), Service = new { Service = "web" } }));
        await Expect(HttpStatusCode.BadRequest, "failed compiling template: Bad Template.Type 'regexp'",
            PostAsync("v1/query", new { Name = Name("badtype"), Template = new { Type = "regexp" }, Service = new { Service = "web" } }));
        await Expect(HttpStatusCode.BadRequest, "invalid session \"nope\"",
            PostAsync("v1/query", new { Name = Name("badsession"), Session = "nope", Service = new { Service = "web" } }));
        await CreateAsync(new { Name = Name("dup"), Service = new { Service = "web" } });
        await Expect(HttpStatusCode.BadRequest, $"name '{Name("DUP")}' aliases an existing query name",
            PostAsync("v1/query", new { Name = Name("DUP"), Service = new { Service = "web" } }));
        await Expect(HttpStatusCode.NotFound, "Query not found", Http.GetReplyAsync($"v1/query/{Name("missing")}/execute"));
        await Expect(HttpStatusCode.NotFound, "Query not found", Http.GetReplyAsync($"v1/query/{Name("missing")}/explain"));
        await Expect(HttpStatusCode.BadRequest, "Bad limit: strconv.Atoi: parsing \"x\": invalid syntax",
            Http.GetReplyAsync($"v1/query/{Name("dup")}/execute?limit=x"));

        var decode = await SendTextAsync(HttpMethod.Post, "v1/query", "{\"Name\": ");
        Assert.Equal(HttpStatusCode.BadRequest, decode.Status);
        Assert.StartsWith("Request decode failed: ", decode.Body);
        var method = await SendTextAsync(HttpMethod.Put, $"v1/query/{Name("dup")}/execute", "{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Http.DeleteReplyAsync("v1/query")).Status);
    }

    [Fact]
    public async Task Session_Invalidated_DeletesBoundQuery()
    {
        var session = (await Http.PutJsonAsync("v1/session/create", new { Name = Name("s") })).Json().GetProperty("ID").GetString()!;
        var id = await CreateAsync(new { Session = session, Service = new { Service = "web" } });
        Assert.Equal(HttpStatusCode.OK, (await Http.GetReplyAsync($"v1/query/{id}")).Status);

        Assert.Equal(HttpStatusCode.OK, (await Http.PutReplyAsync($"v1/session/destroy/{session}", "")).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/query/{id}")).Status);
    }

    [Fact]
    public async Task Snapshot_SaveThenRestore_BringsBackQueries()
    {
        var id = await CreateAsync(new { Name = Name("snap"), Service = new { Service = "web", Tags = new[] { "x" } }, DNS = new { TTL = "9s" } });
        var saved = await Http.GetReplyAsync("v1/snapshot");
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.DeleteReplyAsync($"v1/query/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/query/{id}")).Status);

        var restored = await Http.PutBytesAsync("v1/snapshot", saved.Bytes);
        Assert.True(restored.Status == HttpStatusCode.OK, restored.ToString());

        var explained = (await Http.GetReplyAsync($"v1/query/{Name("snap")}/explain")).Json();
        Assert.Equal(id, explained.GetProperty("Query").GetProperty("ID").GetString());
        var q = Assert.Single((await Http.GetReplyAsync($"v1/query/{id}")).Json().EnumerateArray());
        Assert.Equal("9s", q.GetProperty("DNS").GetProperty("TTL").GetString());
    }

    [Fact]
    public async Task List_BlockingQuery_WakesOnCreate()
    {
        var first = await Http.GetReplyAsync("v1/query");
        var waiting = Http.GetReplyAsync($"v1/query?index={first.Index}&wait=30s");
        await Task.Delay(100);
        var id = await CreateAsync(new { Name = Name("block"), Service = new { Service = "web" } });

        var woke = await waiting.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(woke.Index > first.Index);
        Assert.Contains(woke.Json().EnumerateArray(), e => e.GetProperty("ID").GetString() == id);
    }
}
