// Request bodies are anonymous objects with literal check arrays, built once per test.
#pragma warning disable CA1861

using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Sessions;

/// <summary>Sessions against the catalog: creation is checked against the node and its checks; checks invalidate sessions.</summary>
public sealed class SessionCatalogTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private readonly string _node = $"sess-{Guid.NewGuid():N}"[..20];

    private async Task RegisterCheckAsync(string checkId, string status)
    {
        var reply = await Http.PutJsonAsync("v1/catalog/register", new
        {
            Node = _node, Address = "10.4.0.1",
            Check = new { CheckID = checkId, Name = checkId, Status = status },
        });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    private async Task<string> CreateAsync(object body)
    {
        var reply = await Http.PutJsonAsync("v1/session/create", body);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Json().GetProperty("ID").GetString()!;
    }

    [Fact]
    public async Task Create_UnregisteredNode_IsConsulMissingNodeError()
    {
        var reply = await Http.PutJsonAsync("v1/session/create", new { Node = _node });

        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("Missing node registration", reply.Body);
    }

    [Fact]
    public async Task Create_NodeWithoutSerfHealth_IsMissingCheckError()
    {
        await RegisterCheckAsync("other", "passing");

        var reply = await Http.PutJsonAsync("v1/session/create", new { Node = _node });

        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("Missing check 'serfHealth' registration", reply.Body);
    }

    [Fact]
    public async Task Create_CriticalCheck_IsRefused()
    {
        await RegisterCheckAsync("serfHealth", "critical");

        var reply = await Http.PutJsonAsync("v1/session/create", new { Node = _node });

        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("Check 'serfHealth' is in critical state", reply.Body);
    }

    [Fact]
    public async Task ServiceChecks_AreReturnedAsConsulsIdObjects()
    {
        var reply = await Http.PutJsonAsync("v1/catalog/register", new
        {
            Node = _node, Address = "10.4.0.1",
            Service = new { ID = "svc-" + _node, Service = "svc-" + _node },
            Checks = new object[]
            {
                new { CheckID = "serfHealth", Name = "serf", Status = "passing" },
                new { CheckID = "svc-alive", Name = "alive", Status = "passing", ServiceID = "svc-" + _node },
            },
        });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());

        var id = await CreateAsync(new { Node = _node, NodeChecks = new[] { "serfHealth" }, ServiceChecks = new[] { new { ID = "svc-alive" } } });

        // A Go client decodes ServiceChecks into structs: objects with ID and Namespace, never bare strings.
        var session = (await Http.GetReplyAsync($"v1/session/info/{id}")).Json()[0];
        var check = Assert.Single(session.GetProperty("ServiceChecks").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, check.ValueKind);
        Assert.Equal("svc-alive", check.GetProperty("ID").GetString());
        Assert.Equal("", check.GetProperty("Namespace").GetString());
        Assert.Equal(["serfHealth"], session.GetProperty("NodeChecks").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task CheckGoingCritical_InvalidatesSessionAndReleasesItsLock()
    {
        await RegisterCheckAsync("serfHealth", "passing");
        await RegisterCheckAsync("guard", "passing");
        var bound = await CreateAsync(new { Node = _node, NodeChecks = new[] { "serfHealth", "guard" } });
        var unbound = await CreateAsync(new { Node = _node, NodeChecks = new[] { "serfHealth" } });
        Assert.Equal("true", (await Http.PutReplyAsync($"v1/kv/{Prefix}/lock?acquire={bound}", "held")).Body.Trim());

        await RegisterCheckAsync("guard", "critical");

        Assert.Empty((await Http.GetReplyAsync($"v1/session/info/{bound}")).Json().EnumerateArray());
        Assert.Single((await Http.GetReplyAsync($"v1/session/info/{unbound}")).Json().EnumerateArray());
        var entry = Assert.Single((await Http.GetReplyAsync($"v1/kv/{Prefix}/lock")).Json().EnumerateArray());
        Assert.False(entry.TryGetProperty("Session", out var session) && session.ValueKind == System.Text.Json.JsonValueKind.String);
    }

    [Fact]
    public async Task DeregisterNode_InvalidatesItsSessions()
    {
        await RegisterCheckAsync("serfHealth", "passing");
        var id = await CreateAsync(new { Node = _node });

        await Http.PutJsonAsync("v1/catalog/deregister", new { Node = _node });

        Assert.Empty((await Http.GetReplyAsync($"v1/session/node/{_node}")).Json().EnumerateArray());
        Assert.Empty((await Http.GetReplyAsync($"v1/session/info/{id}")).Json().EnumerateArray());
    }
}
