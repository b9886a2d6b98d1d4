using System.Net;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Sessions;

/// <summary>/v1/session/* against a real agent: create, info, list, node, renew, destroy.</summary>
public sealed class SessionEndpointTests(SessionAgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<SessionAgentFixture>
{
    [Fact]
    public async Task Create_Default_ReturnsIdAndInfoHasConsulDefaults()
    {
        var create = await Http.PutJsonAsync("v1/session/create", new { Name = "defaults" });
        Assert.True(create.Status == HttpStatusCode.OK, create.ToString());
        var id = create.Json().GetProperty("ID").GetString();
        Assert.True(Guid.TryParse(id, out _), $"ID '{id}' is not a UUID");

        var info = await Http.GetReplyAsync($"v1/session/info/{id}");

        Assert.True(info.Status == HttpStatusCode.OK, info.ToString());
        Assert.NotNull(info.Header("X-Consul-Index"));
        var session = Assert.Single(info.Json().EnumerateArray());
        Assert.Equal(id, session.GetProperty("ID").GetString());
        Assert.Equal("defaults", session.GetProperty("Name").GetString());
        Assert.Equal(Agent.NodeName, session.GetProperty("Node").GetString());
        Assert.Equal(15_000_000_000L, session.GetProperty("LockDelay").GetInt64());
        Assert.Equal("release", session.GetProperty("Behavior").GetString());
        Assert.Equal("", session.GetProperty("TTL").GetString());
        Assert.True(session.GetProperty("CreateIndex").GetUInt64() > 0);
        Assert.Equal(session.GetProperty("CreateIndex").GetUInt64(), session.GetProperty("ModifyIndex").GetUInt64());
    }

    [Fact]
    public async Task Create_WithTtlAndLockDelayAndBehavior_StoresThem()
    {
        var id = await CreateAsync(new { Name = "custom", TTL = "30s", LockDelay = "2s", Behavior = "delete" });

        var session = Assert.Single((await Http.GetReplyAsync($"v1/session/info/{id}")).Json().EnumerateArray());

        Assert.Equal("30s", session.GetProperty("TTL").GetString());
        Assert.Equal(2_000_000_000L, session.GetProperty("LockDelay").GetInt64());
        Assert.Equal("delete", session.GetProperty("Behavior").GetString());
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("0")]
    public async Task Create_ExplicitZeroLockDelay_StoresZero(string lockDelay)
    {
        // Consul compat: only an absent LockDelay gets the 15 s default; an explicit 0 means no lock delay.
        var create = await Http.PutReplyAsync("v1/session/create", $"{{\"LockDelay\": {(lockDelay == "0" ? "0" : "\"0s\"")}}}");
        Assert.True(create.Status == HttpStatusCode.OK, create.ToString());
        var id = create.Json().GetProperty("ID").GetString();

        var session = Assert.Single((await Http.GetReplyAsync($"v1/session/info/{id}")).Json().EnumerateArray());

        Assert.Equal(0L, session.GetProperty("LockDelay").GetInt64());
    }

    [Fact]
    public async Task Create_TtlBelowConfiguredMinimum_IsRejectedWithConsulMessage()
    {
        var create = await Http.PutJsonAsync("v1/session/create", new { TTL = "500ms" });

        Assert.True((int)create.Status >= 400, create.ToString());
        Assert.Equal("Invalid Session TTL '500000000', must be between [1s=24h0m0s]", create.Body.Trim());
        Assert.DoesNotContain(
            (await Http.GetReplyAsync("v1/session/list")).Json().EnumerateArray(),
            s => s.GetProperty("TTL").GetString() == "500ms");
    }

    [Fact]
    public async Task Create_InvalidBehavior_Returns500LikeConsul()
    {
        var create = await Http.PutJsonAsync("v1/session/create", new { Behavior = "explode" });

        // Consul compat: validated by the server's Session.Apply, whose plain error surfaces as a 500.
        Assert.True(create.Status == HttpStatusCode.InternalServerError, create.ToString());
        Assert.Contains("Invalid Behavior setting 'explode'", create.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_UnknownSession_ReturnsEmptyArray()
    {
        var info = await Http.GetReplyAsync($"v1/session/info/{Guid.NewGuid()}");

        Assert.True(info.Status == HttpStatusCode.OK, info.ToString());
        Assert.Equal(JsonValueKind.Array, info.Json().ValueKind);
        Assert.Equal(0, info.Json().GetArrayLength());
    }

    [Fact]
    public async Task ListAndNode_IncludeCreatedSession()
    {
        var id = await CreateAsync(new { Name = "listed" });

        var list = await Http.GetReplyAsync("v1/session/list");
        var node = await Http.GetReplyAsync($"v1/session/node/{Agent.NodeName}");
        var otherNode = await Http.GetReplyAsync("v1/session/node/no-such-node");

        Assert.True(list.Status == HttpStatusCode.OK, list.ToString());
        Assert.Contains(id, list.Json().EnumerateArray().Select(s => s.GetProperty("ID").GetString()));
        Assert.True(node.Status == HttpStatusCode.OK, node.ToString());
        Assert.Contains(id, node.Json().EnumerateArray().Select(s => s.GetProperty("ID").GetString()));
        Assert.Equal(0, otherNode.Json().GetArrayLength());
    }

    [Fact]
    public async Task Renew_ExistingSession_ReturnsItInAnArray()
    {
        var id = await CreateAsync(new { TTL = "20s" });

        var renew = await Http.PutReplyAsync($"v1/session/renew/{id}", "");

        Assert.True(renew.Status == HttpStatusCode.OK, renew.ToString());
        var session = Assert.Single(renew.Json().EnumerateArray());
        Assert.Equal(id, session.GetProperty("ID").GetString());
        Assert.Equal("20s", session.GetProperty("TTL").GetString());
    }

    [Fact]
    public async Task Renew_UnknownSession_Returns404()
    {
        var renew = await Http.PutReplyAsync($"v1/session/renew/{Guid.NewGuid()}", "");

        Assert.True(renew.Status == HttpStatusCode.NotFound, renew.ToString());
    }

    [Fact]
    public async Task Destroy_ExistingSession_ReturnsTrueAndSessionIsGone()
    {
        var id = await CreateAsync(new { Name = "doomed" });

        var destroy = await Http.PutReplyAsync($"v1/session/destroy/{id}", "");

        Assert.True(destroy.Status == HttpStatusCode.OK, destroy.ToString());
        Assert.Equal("true", destroy.Body.Trim());
        Assert.Equal(0, (await Http.GetReplyAsync($"v1/session/info/{id}")).Json().GetArrayLength());
        Assert.DoesNotContain(id, (await Http.GetReplyAsync("v1/session/list")).Json().EnumerateArray().Select(s => s.GetProperty("ID").GetString()));
    }

    [Fact]
    public async Task Create_WrongMethod_Returns405()
    {
        var get = await Http.GetReplyAsync("v1/session/create");

        Assert.True(get.Status == HttpStatusCode.MethodNotAllowed, get.ToString());
    }

    private async Task<string> CreateAsync(object body)
    {
        var create = await Http.PutJsonAsync("v1/session/create", body);
        Assert.True(create.Status == HttpStatusCode.OK, create.ToString());
        return create.Json().GetProperty("ID").GetString()!;
    }
}
