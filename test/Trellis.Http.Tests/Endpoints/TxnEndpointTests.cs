using System.Net;
using System.Text;
using System.Text.Json;
using Trellis.Core.Txn;
using Trellis.Http.Tests.Support;

namespace Trellis.Http.Tests.Endpoints;

public sealed class TxnEndpointTests
{
    private static StringContent Ops(int count, string verb = "set") => new(
        "[" + string.Join(',', Enumerable.Range(0, count).Select(i => $"{{\"KV\":{{\"Verb\":\"{verb}\",\"Key\":\"k{i}\",\"Value\":\"dg==\"}}}}")) + "]",
        Encoding.UTF8);

    [Fact]
    public async Task Apply_Writes_Returns200WithResults()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/txn", Ops(2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, json.RootElement.GetProperty("Results").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("Errors").ValueKind);
        Assert.Equal("v"u8.ToArray(), api.Rpc.LastTxn![0].KV!.Value);
        Assert.False(response.Headers.Contains("X-Consul-KnownLeader"));
    }

    [Fact]
    public async Task Apply_LowercaseFieldNames_AreAccepted()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/txn", new StringContent("[{\"kv\":{\"verb\":\"get\",\"key\":\"a\"}}]"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(KvVerb.Get, api.Rpc.LastTxn![0].KV!.Verb);
        Assert.Equal("true", response.Headers.GetValues("X-Consul-KnownLeader").Single());
        Assert.Equal("42", response.Headers.GetValues("X-Consul-LastContact").Single());
    }

    [Fact]
    public async Task Apply_Errors_Returns409WithErrors()
    {
        await using var api = await ApiServer.StartAsync();
        api.Rpc.NextTxnResponse = new TxnResponse { Errors = [new TxnError(0, "failed index check for key \"k0\"")] };

        var response = await api.Client.PutAsync("/v1/txn", Ops(1, "cas"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(json.RootElement.GetProperty("Errors").EnumerateArray().ToList());
        Assert.Equal(0, error.GetProperty("OpIndex").GetInt32());
        Assert.Equal("failed index check for key \"k0\"", error.GetProperty("What").GetString());
    }

    [Fact]
    public async Task Apply_TooManyOperations_Returns413()
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/txn", Ops(65));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Transaction contains too many operations (65 > 64)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Apply_BodyOverLimit_Returns413()
    {
        await using var api = await ApiServer.StartAsync(new HttpApiOptions { TxnMaxRequestLength = 16, KvMaxValueSize = 8 });

        var response = await api.Client.PutAsync("/v1/txn", Ops(3));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request body too large, max size: 16 bytes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Apply_ValueOverLimit_Returns413NamingKey()
    {
        await using var api = await ApiServer.StartAsync(new HttpApiOptions { KvMaxValueSize = 2, TxnMaxRequestLength = 4096 });
        var body = "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"big\",\"Value\":\"" + Convert.ToBase64String(new byte[5]) + "\"}}]";

        var response = await api.Client.PutAsync("/v1/txn", new StringContent(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Value for key \"big\" is too large (5 > 2 bytes)", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("[{\"KV\":")]
    [InlineData("[{\"KV\":{\"Verb\":\"set\",\"Key\":\"a\",\"Value\":\"!!not-base64!!\"}}]")]
    [InlineData("[{\"KV\":{\"Verb\":\"explode\",\"Key\":\"a\"}}]")]
    public async Task Apply_UndecodableBody_Returns400(string body)
    {
        await using var api = await ApiServer.StartAsync();

        var response = await api.Client.PutAsync("/v1/txn", new StringContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Failed to parse body: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(api.Rpc.LastTxn);
    }
}
