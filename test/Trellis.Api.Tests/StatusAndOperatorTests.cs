using System.Net;

namespace Trellis.Api.Tests;

public sealed class StatusAndOperatorTests
{
    [Fact]
    public async Task Leader_QuotedString_IsUnquoted()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "\"10.0.0.1:8300\"");
        using var client = handler.Client();
        Assert.Equal("10.0.0.1:8300", await client.Status.LeaderAsync());
    }

    [Fact]
    public async Task RaftConfiguration_ParsesServers()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK,
            """{"Servers":[{"ID":"a","Node":"n1","Address":"1.1.1.1:8300","Leader":true,"ProtocolVersion":"3","Voter":true}],"Index":9}""",
            ("X-Consul-Index", "9"));
        using var client = handler.Client();
        var result = await client.Operator.RaftConfigurationAsync();
        Assert.Equal(9UL, result.Value.Index);
        Assert.True(Assert.Single(result.Value.Servers).Leader);
    }

    [Fact]
    public async Task RaftConfiguration_NotFound_Throws()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.NotFound, "");
        using var client = handler.Client();
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.Operator.RaftConfigurationAsync());
        Assert.Equal("Unexpected response code: 404 ()", ex.Message);
    }

    [Fact]
    public async Task SnapshotSave_CopiesBodyAndReturnsIndex()
    {
        var handler = new ScriptedHandler((_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) };
            response.Headers.TryAddWithoutValidation("X-Consul-Index", "77");
            return Task.FromResult(response);
        });
        using var client = handler.Client();
        using var destination = new MemoryStream();
        var meta = await client.Snapshot.SaveAsync(destination);
        Assert.Equal(77UL, meta.Index);
        Assert.Equal(new byte[] { 1, 2, 3 }, destination.ToArray());
    }

    [Fact]
    public async Task SessionCreate_SendsBodyAndReturnsId()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, """{"ID":"abc-123"}""");
        using var client = handler.Client();
        var id = await client.Session.CreateAsync(new Sessions.SessionCreateRequest { Name = "lock", TTL = "15s" });
        Assert.Equal("abc-123", id);
        Assert.Equal("/v1/session/create", handler.Requests[0].Request.RequestUri!.AbsolutePath);
        Assert.Contains("\"TTL\":\"15s\"", handler.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"Behavior\":\"release\"", handler.Requests[0].Body, StringComparison.Ordinal);
    }
}
