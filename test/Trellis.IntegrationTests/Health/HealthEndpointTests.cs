// Request bodies are anonymous objects with literal tag arrays, built once per test.
#pragma warning disable CA1861

using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Health;

/// <summary>/v1/health/* against a real agent: entries, passing and tag filters, state, and errors.</summary>
public sealed class HealthEndpointTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];

    private string Name(string s) => $"{s}-{_id}";

    private async Task RegisterAsync(object body)
    {
        var reply = await Http.PutJsonAsync("v1/catalog/register", body);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    private async Task SetupTwoInstancesAsync(string svc)
    {
        await RegisterAsync(new
        {
            Node = Name("h1"), Address = "10.2.0.1", NodeMeta = new { tier = "gold" },
            Service = new { Service = svc, Tags = new[] { "a" } },
            Checks = new object[] { new { Name = "serf", Status = "passing" }, new { Name = "svc-ok", Status = "passing", ServiceID = svc } },
        });
        await RegisterAsync(new
        {
            Node = Name("h2"), Address = "10.2.0.2",
            Service = new { Service = svc, Tags = new[] { "b" } },
            Checks = new object[] { new { Name = "serf", Status = "passing" }, new { Name = "svc-bad", Status = "critical", ServiceID = svc } },
        });
    }

    [Fact]
    public async Task Service_Entries_HaveNodeServiceAndNodeThenServiceChecks()
    {
        var svc = Name("entries");
        await SetupTwoInstancesAsync(svc);

        var entries = (await Http.GetReplyAsync($"v1/health/service/{svc}")).Json().EnumerateArray().ToList();

        Assert.Equal([Name("h1"), Name("h2")], entries.Select(e => e.GetProperty("Node").GetProperty("Node").GetString()));
        var first = entries[0];
        Assert.Equal(svc, first.GetProperty("Service").GetProperty("Service").GetString());
        Assert.Equal(svc, first.GetProperty("Service").GetProperty("ID").GetString());
        Assert.Equal(["serf", "svc-ok"], first.GetProperty("Checks").EnumerateArray().Select(c => c.GetProperty("CheckID").GetString()));
        Assert.Equal("", first.GetProperty("Checks")[0].GetProperty("ServiceID").GetString());
        foreach (var field in new[] { "Node", "CheckID", "Name", "Status", "Notes", "Output", "ServiceID", "ServiceName", "ServiceTags", "Type", "CreateIndex", "ModifyIndex" })
        {
            Assert.True(first.GetProperty("Checks")[1].TryGetProperty(field, out _), $"missing {field}");
        }
    }

    [Fact]
    public async Task Checks_UnsetFields_AreEmptyStringsOrLeftOutAsConsulWritesThem()
    {
        var svc = Name("shape");
        await SetupTwoInstancesAsync(svc);
        var registered = await Http.PutJsonAsync("v1/agent/service/register", new
        {
            Name = Name("shape-http"),
            Port = 80,
            Check = new { HTTP = "http://127.0.0.1:1/health", Interval = "30s" },
        });
        Assert.True(registered.Status == HttpStatusCode.OK, registered.ToString());

        // A check registered through the catalog: "" for Interval and Timeout, and an empty Definition object.
        var catalogCheck = (await Http.GetReplyAsync($"v1/health/checks/{svc}")).Json()[0];
        Assert.Equal("", catalogCheck.GetProperty("Interval").GetString());
        Assert.Equal("", catalogCheck.GetProperty("Timeout").GetString());
        Assert.Empty(catalogCheck.GetProperty("Definition").EnumerateObject());

        // An agent HTTP check: its Definition holds what is set and nothing else (no nulls).
        var httpCheck = (await Http.GetReplyAsync($"v1/health/checks/{Name("shape-http")}")).Json()[0];
        var definition = httpCheck.GetProperty("Definition");
        Assert.Equal("http://127.0.0.1:1/health", definition.GetProperty("HTTP").GetString());
        Assert.Equal("30s", definition.GetProperty("Interval").GetString());
        Assert.DoesNotContain(definition.EnumerateObject(), p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.False(definition.TryGetProperty("TCP", out _));
        Assert.Equal("30s", httpCheck.GetProperty("Interval").GetString());
    }

    [Fact]
    public async Task Service_PassingTagAndNodeMeta_FilterEntries()
    {
        var svc = Name("filters");
        await SetupTwoInstancesAsync(svc);

        string[] Nodes(HttpReply r) => [.. r.Json().EnumerateArray().Select(e => e.GetProperty("Node").GetProperty("Node").GetString()!)];
        Assert.Equal([Name("h1")], Nodes(await Http.GetReplyAsync($"v1/health/service/{svc}?passing")));
        Assert.Equal([Name("h1")], Nodes(await Http.GetReplyAsync($"v1/health/service/{svc}?passing=true")));
        Assert.Equal([Name("h1"), Name("h2")], Nodes(await Http.GetReplyAsync($"v1/health/service/{svc}?passing=false")));
        Assert.Equal([Name("h2")], Nodes(await Http.GetReplyAsync($"v1/health/service/{svc}?tag=b")));
        Assert.Empty(Nodes(await Http.GetReplyAsync($"v1/health/service/{svc}?tag=a&tag=b")));
        Assert.Equal([Name("h1")], Nodes(await Http.GetReplyAsync($"v1/health/service/{svc}?node-meta=tier:gold")));
        Assert.Equal([Name("h1"), Name("h2")], Nodes(await Http.GetReplyAsync($"v1/health/service/{svc}?near=_agent")));
    }

    [Fact]
    public async Task Checks_ForService_ReturnsItsChecksOnly()
    {
        var svc = Name("checks");
        await SetupTwoInstancesAsync(svc);

        var checks = (await Http.GetReplyAsync($"v1/health/checks/{svc}")).Json().EnumerateArray().ToList();

        Assert.Equal([("svc-ok", Name("h1")), ("svc-bad", Name("h2"))],
            checks.Select(c => (c.GetProperty("CheckID").GetString(), c.GetProperty("Node").GetString())));
    }

    [Fact]
    public async Task State_EachState_ReturnsMatchingChecks()
    {
        var svc = Name("state");
        await SetupTwoInstancesAsync(svc);

        async Task<List<string?>> Ids(string state) =>
            [.. (await Http.GetReplyAsync($"v1/health/state/{state}")).Json().EnumerateArray()
                .Where(c => c.GetProperty("Node").GetString()!.EndsWith(_id, StringComparison.Ordinal))
                .Select(c => c.GetProperty("CheckID").GetString())];

        Assert.Equal(["svc-bad"], await Ids("critical"));
        Assert.Equal(["serf", "svc-ok", "serf"], await Ids("passing"));
        Assert.Empty(await Ids("warning"));
        Assert.Equal(4, (await Ids("any")).Count);
    }

    [Fact]
    public async Task State_UnknownState_IsAnEmptyListLikeConsul()
    {
        var reply = await Http.GetReplyAsync("v1/health/state/bogus");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Empty(reply.Json().EnumerateArray());
    }

    [Theory]
    [InlineData("v1/health/state/", "Missing check state")]
    [InlineData("v1/health/service/", "Missing service name")]
    [InlineData("v1/health/checks/", "Missing service name")]
    [InlineData("v1/health/node/", "Missing node name")]
    [InlineData("v1/health/service/x?passing=maybe", "Invalid value for ?passing")]
    [InlineData("v1/health/service/x?index=abc", "Invalid index")]
    [InlineData("v1/health/service/x?wait=forever", "Invalid wait time")]
    public async Task BadInput_Is400WithConsulText(string path, string expected)
    {
        var reply = await Http.GetReplyAsync(path);
        Assert.True(reply.Status == HttpStatusCode.BadRequest, reply.ToString());
        Assert.Equal(expected, reply.Body.Trim());
    }

    [Fact]
    public async Task Service_UnknownService_IsEmptyWithIndex()
    {
        var reply = await Http.GetReplyAsync($"v1/health/service/{Name("none")}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Empty(reply.Json().EnumerateArray());
        Assert.True(reply.Index >= 1);
    }
}
