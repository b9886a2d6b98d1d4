using System.Net;
using System.Text;
using System.Text.Json;
using Trellis.Core.Txn;
using Trellis.Http.Tests.Support;

namespace Trellis.Http.Tests.Endpoints;

public sealed class KvEndpointTests
{
    [Fact]
    public async Task Put_ThenGet_ReturnsEntryWithBase64Value()
    {
        await using var api = await ApiServer.StartAsync();

        var put = await api.Client.PutAsync("/v1/kv/app/config?flags=42", new ByteArrayContent("hello"u8.ToArray()));
        var get = await api.Client.GetAsync("/v1/kv/app/config");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("true", await put.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("application/json", get.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        var entry = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("app/config", entry.GetProperty("Key").GetString());
        Assert.Equal(Convert.ToBase64String("hello"u8.ToArray()), entry.GetProperty("Value").GetString());
        Assert.Equal(42UL, entry.GetProperty("Flags").GetUInt64());
        Assert.Equal(1UL, entry.GetProperty("ModifyIndex").GetUInt64());
        Assert.False(entry.TryGetProperty("Session", out _));
    }

    [Fact]
    public async Task Get_MissingKey_Returns404WithEmptyBodyAndIndex()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/v1/kv/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal("1", response.Headers.GetValues("X-Consul-Index").Single());
    }

    [Fact]
    public async Task Get_Raw_ReturnsBytesWithSafetyHeaders()
    {
        await using var api = await ApiServer.StartAsync();
        await api.Client.PutAsync("/v1/kv/raw", new ByteArrayContent([1, 2, 255]));

        var response = await api.Client.GetAsync("/v1/kv/raw?raw");

        Assert.Equal(new byte[] { 1, 2, 255 }, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Get_RecurseOnEmptyPrefix_Returns404()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/v1/kv/none/?recurse");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_Recurse_ReturnsAllUnderPrefix()
    {
        await using var api = await ApiServer.StartAsync();
        await api.Client.PutAsync("/v1/kv/a/1", new StringContent("x"));
        await api.Client.PutAsync("/v1/kv/a/2", new StringContent("y"));
        await api.Client.PutAsync("/v1/kv/b", new StringContent("z"));

        var body = await api.Client.GetStringAsync("/v1/kv/a/?recurse");

        using var json = JsonDocument.Parse(body);
        Assert.Equal(["a/1", "a/2"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("Key").GetString()!).ToArray());
    }

    [Fact]
    public async Task Get_KeysWithSeparator_PassesSeparatorAndReturnsStrings()
    {
        await using var api = await ApiServer.StartAsync();
        await api.Client.PutAsync("/v1/kv/k/1", new StringContent("x"));

        var body = await api.Client.GetStringAsync("/v1/kv/k/?keys&separator=/");

        Assert.Equal("[\"k/1\"]", body);
        Assert.Equal("/", api.Rpc.LastSeparator);
    }

    [Fact]
    public async Task Get_KeysAtRootOfEmptyStore_ReturnsEmptyArray()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/v1/kv/?keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_WithoutKey_Returns400MissingKeyName()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.GetAsync("/v1/kv/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Missing key name", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_Cas_PassesIndexAndReturnsOutcome()
    {
        await using var api = await ApiServer.StartAsync();
        await api.Client.PutAsync("/v1/kv/c", new StringContent("1"));

        var stale = await api.Client.PutAsync("/v1/kv/c?cas=999", new StringContent("2"));

        Assert.Equal("false", await stale.Content.ReadAsStringAsync());
        Assert.Equal(KvVerb.Cas, api.Rpc.LastVerb);
        Assert.Equal(999UL, api.Rpc.LastEntry!.ModifyIndex);
    }

    [Fact]
    public async Task Put_Acquire_UsesLockVerbWithSessionAndToken()
    {
        await using var api = await ApiServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/kv/lock?acquire=sess-1") { Content = new StringContent("") };
        request.Headers.Add("X-Consul-Token", "secret");

        await api.Client.SendAsync(request);

        Assert.Equal(KvVerb.Lock, api.Rpc.LastVerb);
        Assert.Equal("sess-1", api.Rpc.LastEntry!.Session);
        Assert.Equal("secret", api.Rpc.LastToken);
    }

    [Fact]
    public async Task Put_ConflictingFlags_Returns400WithEncodedQuery()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/kv/x?release=s&cas=1", new StringContent(""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Conflicting flags: cas=1&release=s\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_ValueOverLimit_Returns413WithConsulMessage()
    {
        await using var api = await ApiServer.StartAsync(new HttpApiOptions { KvMaxValueSize = 4 });

        var response = await api.Client.PutAsync("/v1/kv/big", new ByteArrayContent(new byte[10]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(
            "Request body(10 bytes) too large, max size: 4 bytes. See https://developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size.",
            await response.Content.ReadAsStringAsync());
        Assert.Null(api.Rpc.LastVerb);
    }

    [Fact]
    public async Task Put_InvalidFlags_Returns500WithGoParseError()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/kv/f?flags=abc", new StringContent(""));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("strconv.ParseUint: parsing \"abc\": invalid syntax", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_Recurse_UsesDeleteTreeAndReturnsTrue()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.DeleteAsync("/v1/kv/tree?recurse");

        Assert.Equal("true", await response.Content.ReadAsStringAsync());
        Assert.Equal(KvVerb.DeleteTree, api.Rpc.LastVerb);
    }

    [Fact]
    public async Task Delete_CasMismatch_ReturnsFalse()
    {
        await using var api = await ApiServer.StartAsync();
        await api.Client.PutAsync("/v1/kv/d", new StringContent("1"));

        var response = await api.Client.DeleteAsync("/v1/kv/d?cas=12345");

        Assert.Equal("false", await response.Content.ReadAsStringAsync());
        Assert.Equal(KvVerb.DeleteCas, api.Rpc.LastVerb);
    }

    [Fact]
    public async Task Put_EncodedSlashInKey_KeepsDecodedKey()
    {
        await using var api = await ApiServer.StartAsync();

        await api.Client.PutAsync("/v1/kv/a%2Fb%20c", new StringContent("v"));

        Assert.Equal("a/b c", api.Rpc.LastEntry!.Key);
    }

    [Fact]
    public async Task Put_ChunkedBodyOverLimit_Returns413()
    {
        await using var api = await ApiServer.StartAsync(new HttpApiOptions { KvMaxValueSize = 4 });
        var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("0123456789")));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/kv/chunked") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
