using System.Net;
using System.Text;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Txn;

/// <summary>PUT /v1/txn with every KV verb, its error answers and atomicity, against a real agent.</summary>
public sealed class TxnEndpointTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    [Fact]
    public async Task Txn_SetCheckNotExistsGet_AppliesAndReturnsConsulResults()
    {
        var reply = await Http.PutJsonAsync("v1/txn", new object[]
        {
            Kv("set", "a", value: "1"),
            Kv("set", "b", value: "2", flags: 7),
            Kv("check-not-exists", "c"),
            Kv("get", "a"),
        });

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var body = reply.Json();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("Errors").ValueKind);
        var results = body.GetProperty("Results").EnumerateArray().Select(r => r.GetProperty("KV")).ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal($"{Prefix}/a", results[0].GetProperty("Key").GetString());
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("Value").ValueKind);
        Assert.Equal(7UL, results[1].GetProperty("Flags").GetUInt64());
        Assert.Equal("MQ==", results[2].GetProperty("Value").GetString());
        Assert.Equal("2", (await Http.GetReplyAsync($"v1/kv/{Prefix}/b?raw")).Body);
    }

    [Fact]
    public async Task Txn_GetTreeCheckIndexCasDeleteCas_UseModifyIndexes()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/a", "1");
        await Http.PutReplyAsync($"v1/kv/{Prefix}/b", "2");
        var a = ModifyIndex(await Http.GetReplyAsync($"v1/kv/{Prefix}/a"));
        var b = ModifyIndex(await Http.GetReplyAsync($"v1/kv/{Prefix}/b"));

        var reply = await Http.PutJsonAsync("v1/txn", new object[]
        {
            Kv("get-tree", ""),
            Kv("check-index", "a", index: a),
            Kv("cas", "a", value: "3", index: a),
            Kv("delete-cas", "b", index: b),
        });

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var results = reply.Json().GetProperty("Results").EnumerateArray().Select(r => r.GetProperty("KV")).ToList();
        Assert.Equal(4, results.Count);
        Assert.Equal([$"{Prefix}/a", $"{Prefix}/b"], results.Take(2).Select(r => r.GetProperty("Key").GetString()));
        Assert.Equal(a, results[2].GetProperty("ModifyIndex").GetUInt64());
        Assert.True(results[3].GetProperty("ModifyIndex").GetUInt64() > a);
        Assert.Equal("3", (await Http.GetReplyAsync($"v1/kv/{Prefix}/a?raw")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/b")).Status);
    }

    [Fact]
    public async Task Txn_LockCheckSessionUnlockDeleteDeleteTree_AllApply()
    {
        var session = (await Http.PutReplyAsync("v1/session/create", "{}")).Json().GetProperty("ID").GetString()!;
        await Http.PutReplyAsync($"v1/kv/{Prefix}/d/x", "x");
        await Http.PutReplyAsync($"v1/kv/{Prefix}/gone", "x");

        var reply = await Http.PutJsonAsync("v1/txn", new object[]
        {
            Kv("lock", "l", value: "held", session: session),
            Kv("check-session", "l", session: session),
            Kv("unlock", "l", session: session),
            Kv("delete", "gone"),
            Kv("delete-tree", "d/"),
        });

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var results = reply.Json().GetProperty("Results").EnumerateArray().Select(r => r.GetProperty("KV")).ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal(session, results[0].GetProperty("Session").GetString());
        Assert.Equal(1UL, results[0].GetProperty("LockIndex").GetUInt64());
        Assert.False(results[2].TryGetProperty("Session", out var unlocked) && unlocked.GetString() is { Length: > 0 });
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/gone")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/d/?recurse")).Status);
        await Http.PutReplyAsync($"v1/session/destroy/{session}", "");
    }

    [Fact]
    public async Task Txn_ReadOnly_ReturnsLeaderHeaders()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/r", "v");

        var reply = await Http.PutJsonAsync("v1/txn", new object[] { Kv("get", "r") });

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("true", reply.Header("X-Consul-KnownLeader"));
        Assert.Equal("dg==", reply.Json().GetProperty("Results")[0].GetProperty("KV").GetProperty("Value").GetString());
    }

    [Fact]
    public async Task Txn_FailingOperation_Returns409WithErrorsAndAppliesNothing()
    {
        var reply = await Http.PutJsonAsync("v1/txn", new object[]
        {
            Kv("set", "first", value: "1"),
            Kv("cas", "second", value: "2", index: 987654),
        });

        Assert.True(reply.Status == HttpStatusCode.Conflict, reply.ToString());
        var body = reply.Json();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("Results").ValueKind);
        var error = Assert.Single(body.GetProperty("Errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("OpIndex").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("What").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/first")).Status);
    }

    [Fact]
    public async Task Txn_CheckNotExistsOnExistingKey_Returns409()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/exists", "v");

        var reply = await Http.PutJsonAsync("v1/txn", new object[] { Kv("check-not-exists", "exists"), Kv("delete", "exists") });

        Assert.True(reply.Status == HttpStatusCode.Conflict, reply.ToString());
        Assert.Equal(0, Assert.Single(reply.Json().GetProperty("Errors").EnumerateArray()).GetProperty("OpIndex").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetReplyAsync($"v1/kv/{Prefix}/exists")).Status);
    }

    [Fact]
    public async Task Txn_MalformedJson_Returns400()
    {
        var reply = await Http.SendRawAsync(HttpMethod.Put, "v1/txn", new StringContent("[{\"KV\": {", Encoding.UTF8, "application/json"));

        Assert.True(reply.Status == HttpStatusCode.BadRequest, reply.ToString());
        Assert.StartsWith("Failed to parse body", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Txn_MoreThan64Operations_Returns413AndAppliesNothing()
    {
        var ops = Enumerable.Range(0, 65).Select(i => Kv("set", $"many/{i}", value: "v")).ToArray<object>();

        var reply = await Http.PutJsonAsync("v1/txn", ops);

        Assert.True(reply.Status == HttpStatusCode.RequestEntityTooLarge, reply.ToString());
        Assert.Contains("too many operations (65 > 64)", reply.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/many/?recurse")).Status);
    }

    [Fact]
    public async Task Txn_Exactly64Operations_IsApplied()
    {
        var ops = Enumerable.Range(0, 64).Select(i => Kv("set", $"max/{i:D2}", value: "v")).ToArray<object>();

        var reply = await Http.PutJsonAsync("v1/txn", ops);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(64, (await Http.GetReplyAsync($"v1/kv/{Prefix}/max/?keys")).Json().GetArrayLength());
    }

    private Dictionary<string, object> Kv(string verb, string key, string? value = null, ulong? flags = null, ulong? index = null, string? session = null)
    {
        var op = new Dictionary<string, object> { ["Verb"] = verb, ["Key"] = $"{Prefix}/{key}" };
        if (value is not null)
        {
            op["Value"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        }

        if (flags is not null)
        {
            op["Flags"] = flags.Value;
        }

        if (index is not null)
        {
            op["Index"] = index.Value;
        }

        if (session is not null)
        {
            op["Session"] = session;
        }

        return new Dictionary<string, object> { ["KV"] = op };
    }

    private static ulong ModifyIndex(HttpReply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Json()[0].GetProperty("ModifyIndex").GetUInt64();
    }
}
