using System.Net;
using Trellis.Core.Kv;
using Trellis.Core.Queries;

namespace Trellis.Api.Tests.Kv;

public sealed class KvClientTests
{
    [Fact]
    public async Task Get_Existing_ReturnsEntryAndMeta()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK,
            """[{"LockIndex":1,"Key":"foo","Flags":3,"Value":"YmFy","Session":"s1","CreateIndex":4,"ModifyIndex":8}]""",
            ("X-Consul-Index", "8"), ("X-Consul-KnownLeader", "true"), ("X-Consul-LastContact", "5"));
        using var client = handler.Client();
        var result = await client.Kv.GetAsync("foo");
        Assert.NotNull(result.Value);
        Assert.Equal("bar", System.Text.Encoding.UTF8.GetString(result.Value.Value!));
        Assert.Equal(("s1", 3UL, 8UL), (result.Value.Session, result.Value.Flags, result.Value.ModifyIndex));
        Assert.Equal(new QueryMeta { Index = 8, KnownLeader = true, LastContact = TimeSpan.FromMilliseconds(5) }, result.Meta);
        Assert.Equal("http://127.0.0.1:8500/v1/kv/foo", handler.Requests[0].Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task Get_Missing_ReturnsNullWithIndex()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.NotFound, "", ("X-Consul-Index", "42"));
        using var client = handler.Client();
        var result = await client.Kv.GetAsync("nope");
        Assert.Null(result.Value);
        Assert.Equal(42UL, result.Meta.Index);
    }

    [Fact]
    public async Task Get_BlockingStaleOptions_SendsQueryParameters()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "[]");
        using var client = handler.Client(new ClientOptions { Address = "http://h:1", Datacenter = "dc2", Token = "t" });
        await client.Kv.ListAsync("a b", new QueryOptions
        {
            MinQueryIndex = 10,
            MaxQueryTime = TimeSpan.FromSeconds(30),
            Consistency = ConsistencyMode.Stale,
        });
        var request = handler.Requests[0].Request;
        Assert.Equal("/v1/kv/a%20b?dc=dc2&stale&index=10&wait=30000ms&recurse", request.RequestUri!.PathAndQuery);
        Assert.Equal("t", request.Headers.GetValues("X-Consul-Token").Single());
    }

    [Fact]
    public async Task Put_WithFlagsAndCas_SendsQueryAndBodyAndReadsResult()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "false");
        using var client = handler.Client();
        var ok = await client.Kv.CasAsync(new KvEntry { Key = "k/x", Flags = 9, ModifyIndex = 5, Value = "v"u8.ToArray() });
        Assert.False(ok);
        var (request, body) = handler.Requests[0];
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/v1/kv/k/x?flags=9&cas=5", request.RequestUri!.PathAndQuery);
        Assert.Equal("v", body);
    }

    [Fact]
    public async Task Acquire_WithoutSession_Throws()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK, "true");
        using var client = handler.Client();
        await Assert.ThrowsAsync<ArgumentException>(() => client.Kv.AcquireAsync(new KvEntry { Key = "k" }));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Delete_ServerError_ThrowsApiExceptionWithConsulWording()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.Forbidden, "Permission denied\n");
        using var client = handler.Client();
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.Kv.DeleteTreeAsync("a"));
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("Permission denied", ex.Body);
        Assert.Equal("Unexpected response code: 403 (Permission denied)", ex.Message);
    }

    [Fact]
    public async Task Get_Blocking_HonoursCancellation()
    {
        var handler = new ScriptedHandler(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(5), ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var client = handler.Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Kv.GetAsync("k", new QueryOptions { MinQueryIndex = 3, MaxQueryTime = TimeSpan.FromMinutes(5) }, cts.Token));
    }
}
