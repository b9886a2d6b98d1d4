using System.Net;
using System.Text.Json;
using Trellis.Core.Sessions;
using Trellis.Http.Tests.Support;

namespace Trellis.Http.Tests.Endpoints;

public sealed class SessionEndpointTests
{
    [Fact]
    public async Task Create_WithoutBody_UsesConsulDefaults()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/session/create", null);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("ID").GetString(), out _));
        var request = api.Rpc.LastSessionRequest!;
        Assert.Equal("node-1", request.Node);
        Assert.Equal(15_000_000_000L, request.LockDelay);
        Assert.Equal(SessionBehavior.Release, request.Behavior);
        Assert.Equal(["serfHealth"], request.NodeChecks!);
    }

    [Theory]
    [InlineData("\"15s\"", 15_000_000_000L)]
    [InlineData("\"500ms\"", 500_000_000L)]
    [InlineData("5", 5_000_000_000L)]
    [InlineData("2000000000", 2_000_000_000L)]
    [InlineData("\"0s\"", 0L)]
    [InlineData("0", 0L)]
    public async Task Create_LockDelayStringOrNumber_IsNanoseconds(string lockDelay, long expected)
    {
        await using var api = await ApiServer.StartAsync();

        await api.Client.PutAsync("/v1/session/create", new StringContent($"{{\"lockdelay\":{lockDelay}}}"));

        Assert.Equal(expected, api.Rpc.LastSessionRequest!.LockDelay);
    }

    [Fact]
    public async Task Create_FullBody_MapsEveryField()
    {
        await using var api = await ApiServer.StartAsync();
        const string body = """{"Name":"lock","Node":"other","Behavior":"delete","TTL":"30s","NodeChecks":["a"],"ServiceChecks":[{"ID":"svc-check"}]}""";

        await api.Client.PutAsync("/v1/session/create", new StringContent(body));

        var request = api.Rpc.LastSessionRequest!;
        Assert.Equal("lock", request.Name);
        Assert.Equal("other", request.Node);
        Assert.Equal(SessionBehavior.Delete, request.Behavior);
        Assert.Equal("30s", request.TTL);
        Assert.Equal(["a"], request.NodeChecks!);
        Assert.Equal(["svc-check"], request.ServiceChecks!);
    }

    [Fact]
    public async Task Create_MalformedJson_Returns400DecodeFailed()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/session/create", new StringContent("{\"Name\":"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Request decode failed: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_UnknownSession_Returns404WithConsulText()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/session/renew/abc", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Session id 'abc' not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Info_UnknownSession_ReturnsEmptyArray()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/v1/session/info/abc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Info_CreatedSession_ReturnsConsulShape()
    {
        await using var api = await ApiServer.StartAsync();
        var created = await api.Client.PutAsync("/v1/session/create", new StringContent("{\"Name\":\"n\"}"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("ID").GetString();

        var body = await api.Client.GetStringAsync($"/v1/session/info/{id}");

        using var json = JsonDocument.Parse(body);
        var session = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal(id, session.GetProperty("ID").GetString());
        Assert.Equal("release", session.GetProperty("Behavior").GetString());
        Assert.Equal(15_000_000_000L, session.GetProperty("LockDelay").GetInt64());
    }

    [Fact]
    public async Task Destroy_ReturnsTrue_AndListIsEmpty()
    {
        await using var api = await ApiServer.StartAsync();
        var created = await api.Client.PutAsync("/v1/session/create", null);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("ID").GetString();

        var destroyed = await api.Client.PutAsync($"/v1/session/destroy/{id}", null);

        Assert.Equal("true", await destroyed.Content.ReadAsStringAsync());
        Assert.Equal("[]", await api.Client.GetStringAsync("/v1/session/list"));
        Assert.Equal("[]", await api.Client.GetStringAsync("/v1/session/node/node-1"));
    }

    [Fact]
    public async Task Destroy_WithoutId_Returns400MissingSession()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/session/destroy/", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Missing session", await response.Content.ReadAsStringAsync());
    }
}
