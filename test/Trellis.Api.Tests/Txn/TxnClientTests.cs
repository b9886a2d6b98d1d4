using System.Net;
using Trellis.Core.Txn;

namespace Trellis.Api.Tests.Txn;

public sealed class TxnClientTests
{
    [Fact]
    public async Task Execute_Conflict_ReturnsErrorsInsteadOfThrowing()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.Conflict,
            """{"Results":null,"Errors":[{"OpIndex":0,"What":"failed to lock key \"a\""}]}""");
        using var client = handler.Client();
        var response = await client.Txn.ExecuteAsync([new TxnOp { KV = new TxnKvOp { Verb = KvVerb.Lock, Key = "a", Session = "s" } }]);
        Assert.Null(response.Results);
        var error = Assert.Single(response.Errors!);
        Assert.Equal(0, error.OpIndex);
        Assert.Contains("\"Verb\":\"lock\"", handler.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_Success_ReturnsResults()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.OK,
            """{"Results":[{"KV":{"Key":"a","Flags":0,"Value":null,"CreateIndex":3,"ModifyIndex":3,"LockIndex":0}}],"Errors":null}""");
        using var client = handler.Client();
        var response = await client.Txn.ExecuteAsync([new TxnOp { KV = new TxnKvOp { Verb = KvVerb.Set, Key = "a" } }]);
        Assert.Equal("a", Assert.Single(response.Results!).KV!.Key);
    }

    [Fact]
    public async Task Execute_ServerError_Throws()
    {
        var handler = ScriptedHandler.Json(HttpStatusCode.RequestEntityTooLarge, "too big");
        using var client = handler.Client();
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.Txn.ExecuteAsync([]));
        Assert.Equal("Unexpected response code: 413 (too big)", ex.Message);
    }
}
