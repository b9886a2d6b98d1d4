using System.Net;
using System.Text;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Kv;

/// <summary>/v1/kv against a real dev agent: Consul's JSON shapes, status codes and query parameters.</summary>
public sealed class KvEndpointTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    [Fact]
    public async Task Put_NewKey_ReturnsTrueAndGetReturnsConsulEntryShape()
    {
        var put = await Http.PutReplyAsync($"v1/kv/{Prefix}/a", "hello");
        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.Equal("true", put.Body.Trim());

        var get = await Http.GetReplyAsync($"v1/kv/{Prefix}/a");

        Assert.True(get.Status == HttpStatusCode.OK, get.ToString());
        Assert.StartsWith("application/json", get.Header("Content-Type"));
        var entries = get.Json();
        Assert.Equal(JsonValueKind.Array, entries.ValueKind);
        var entry = Assert.Single(entries.EnumerateArray());
        Assert.Equal(
            ["CreateIndex", "Flags", "Key", "LockIndex", "ModifyIndex", "Value"],
            entry.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal($"{Prefix}/a", entry.GetProperty("Key").GetString());
        Assert.Equal("aGVsbG8=", entry.GetProperty("Value").GetString());
        Assert.Equal(0UL, entry.GetProperty("Flags").GetUInt64());
        Assert.Equal(0UL, entry.GetProperty("LockIndex").GetUInt64());
        var modify = entry.GetProperty("ModifyIndex").GetUInt64();
        Assert.True(modify > 0);
        Assert.Equal(modify, entry.GetProperty("CreateIndex").GetUInt64());
        Assert.True(get.Index >= modify, $"X-Consul-Index {get.Index} < ModifyIndex {modify}");
    }

    [Fact]
    public async Task Put_Overwrite_KeepsCreateIndexAndRaisesModifyIndex()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/o", "1");
        var first = Single(await Http.GetReplyAsync($"v1/kv/{Prefix}/o"));

        await Http.PutReplyAsync($"v1/kv/{Prefix}/o", "2");
        var second = Single(await Http.GetReplyAsync($"v1/kv/{Prefix}/o"));

        Assert.Equal(first.GetProperty("CreateIndex").GetUInt64(), second.GetProperty("CreateIndex").GetUInt64());
        Assert.True(second.GetProperty("ModifyIndex").GetUInt64() > first.GetProperty("ModifyIndex").GetUInt64());
        Assert.Equal("Mg==", second.GetProperty("Value").GetString());
    }

    [Fact]
    public async Task Get_Raw_ReturnsStoredBytesVerbatim()
    {
        byte[] value = [0, 1, 2, 0xFF, 0xFE, (byte)'x', 10, 13];
        var put = await Http.PutBytesAsync($"v1/kv/{Prefix}/bin", value);
        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());

        var raw = await Http.GetReplyAsync($"v1/kv/{Prefix}/bin?raw");

        Assert.True(raw.Status == HttpStatusCode.OK, raw.ToString());
        Assert.Equal(value, raw.Bytes);
    }

    [Fact]
    public async Task Put_EmptyBody_StoresNullValue()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/empty", "");

        var entry = Single(await Http.GetReplyAsync($"v1/kv/{Prefix}/empty"));

        // Consul compat: an empty value is serialized as null, not "".
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("Value").ValueKind);
    }

    [Fact]
    public async Task Put_Flags_AreStoredAndReturned()
    {
        var put = await Http.PutReplyAsync($"v1/kv/{Prefix}/f?flags=42", "x");
        Assert.Equal("true", put.Body.Trim());

        var entry = Single(await Http.GetReplyAsync($"v1/kv/{Prefix}/f"));

        Assert.Equal(42UL, entry.GetProperty("Flags").GetUInt64());
    }

    [Fact]
    public async Task Get_Recurse_ReturnsEveryKeyUnderPrefixInKeyOrder()
    {
        foreach (var key in new[] { "r/b/c", "r/a", "r/b", "rx" })
        {
            await Http.PutReplyAsync($"v1/kv/{Prefix}/{key}", key);
        }

        var get = await Http.GetReplyAsync($"v1/kv/{Prefix}/r/?recurse");

        Assert.True(get.Status == HttpStatusCode.OK, get.ToString());
        var keys = get.Json().EnumerateArray().Select(e => e.GetProperty("Key").GetString()).ToList();
        Assert.Equal([$"{Prefix}/r/a", $"{Prefix}/r/b", $"{Prefix}/r/b/c"], keys);
        var values = get.Json().EnumerateArray().Select(e => Encoding.UTF8.GetString(e.GetProperty("Value").GetBytesFromBase64())).ToList();
        Assert.Equal(["r/a", "r/b", "r/b/c"], values);
    }

    [Fact]
    public async Task Get_RecurseOnMissingPrefix_Returns404()
    {
        var get = await Http.GetReplyAsync($"v1/kv/{Prefix}/nothing/?recurse");

        Assert.True(get.Status == HttpStatusCode.NotFound, get.ToString());
    }

    [Fact]
    public async Task Get_Keys_ListsKeysAndRollsUpAtSeparator()
    {
        foreach (var key in new[] { "k/a", "k/b/c", "k/b/d", "k/e/f/g" })
        {
            await Http.PutReplyAsync($"v1/kv/{Prefix}/{key}", "v");
        }

        var all = await Http.GetReplyAsync($"v1/kv/{Prefix}/k/?keys");
        var rolled = await Http.GetReplyAsync($"v1/kv/{Prefix}/k/?keys&separator=/");

        Assert.True(all.Status == HttpStatusCode.OK, all.ToString());
        Assert.Equal(
            [$"{Prefix}/k/a", $"{Prefix}/k/b/c", $"{Prefix}/k/b/d", $"{Prefix}/k/e/f/g"],
            all.Json().EnumerateArray().Select(e => e.GetString()));
        Assert.True(rolled.Status == HttpStatusCode.OK, rolled.ToString());
        Assert.Equal(
            [$"{Prefix}/k/a", $"{Prefix}/k/b/", $"{Prefix}/k/e/"],
            rolled.Json().EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Put_CasZero_OnlyCreatesWhenAbsent()
    {
        var created = await Http.PutReplyAsync($"v1/kv/{Prefix}/c?cas=0", "first");
        var again = await Http.PutReplyAsync($"v1/kv/{Prefix}/c?cas=0", "second");

        Assert.Equal("true", created.Body.Trim());
        Assert.True(again.Status == HttpStatusCode.OK, again.ToString());
        Assert.Equal("false", again.Body.Trim());
        Assert.Equal("first", (await Http.GetReplyAsync($"v1/kv/{Prefix}/c?raw")).Body);
    }

    [Fact]
    public async Task Put_CasIndex_SucceedsOnlyWithCurrentModifyIndex()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/c", "v1");
        var modify = Single(await Http.GetReplyAsync($"v1/kv/{Prefix}/c")).GetProperty("ModifyIndex").GetUInt64();

        var stale = await Http.PutReplyAsync($"v1/kv/{Prefix}/c?cas={modify - 1}", "stale");
        var current = await Http.PutReplyAsync($"v1/kv/{Prefix}/c?cas={modify}", "v2");
        var replay = await Http.PutReplyAsync($"v1/kv/{Prefix}/c?cas={modify}", "v3");

        Assert.Equal("false", stale.Body.Trim());
        Assert.Equal("true", current.Body.Trim());
        Assert.Equal("false", replay.Body.Trim());
        Assert.Equal("v2", (await Http.GetReplyAsync($"v1/kv/{Prefix}/c?raw")).Body);
    }

    [Fact]
    public async Task Delete_ExistingKey_ReturnsTrueAndKeyIsGone()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/d", "v");

        var delete = await Http.DeleteReplyAsync($"v1/kv/{Prefix}/d");

        Assert.True(delete.Status == HttpStatusCode.OK, delete.ToString());
        Assert.Equal("true", delete.Body.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/d")).Status);
    }

    [Fact]
    public async Task Delete_MissingKey_ReturnsTrue()
    {
        var delete = await Http.DeleteReplyAsync($"v1/kv/{Prefix}/never");

        Assert.True(delete.Status == HttpStatusCode.OK, delete.ToString());
        Assert.Equal("true", delete.Body.Trim());
    }

    [Fact]
    public async Task Delete_Recurse_RemovesTheSubtreeOnly()
    {
        foreach (var key in new[] { "t/a", "t/b/c", "tx" })
        {
            await Http.PutReplyAsync($"v1/kv/{Prefix}/{key}", "v");
        }

        var delete = await Http.DeleteReplyAsync($"v1/kv/{Prefix}/t/?recurse");

        Assert.Equal("true", delete.Body.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/t/?recurse")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetReplyAsync($"v1/kv/{Prefix}/tx")).Status);
    }

    [Fact]
    public async Task Delete_Cas_DeletesOnlyWithCurrentModifyIndex()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/dc", "v");
        var modify = Single(await Http.GetReplyAsync($"v1/kv/{Prefix}/dc")).GetProperty("ModifyIndex").GetUInt64();

        var wrong = await Http.DeleteReplyAsync($"v1/kv/{Prefix}/dc?cas={modify + 1000}");
        Assert.Equal("false", wrong.Body.Trim());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetReplyAsync($"v1/kv/{Prefix}/dc")).Status);

        var right = await Http.DeleteReplyAsync($"v1/kv/{Prefix}/dc?cas={modify}");
        Assert.Equal("true", right.Body.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/dc")).Status);
    }

    [Fact]
    public async Task Get_MissingKey_Returns404WithEmptyBodyAndIndexHeader()
    {
        var get = await Http.GetReplyAsync($"v1/kv/{Prefix}/missing");

        Assert.True(get.Status == HttpStatusCode.NotFound, get.ToString());
        Assert.Empty(get.Bytes);
        Assert.True(get.Index > 0);
    }

    [Fact]
    public async Task Get_Always_SetsKnownLeaderAndLastContactHeaders()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/h", "v");

        var get = await Http.GetReplyAsync($"v1/kv/{Prefix}/h");

        Assert.Equal("true", get.Header("X-Consul-KnownLeader"));
        Assert.Equal("0", get.Header("X-Consul-LastContact"));
        Assert.NotNull(get.Header("X-Consul-Index"));
    }

    [Theory]
    [InlineData("consistent")]
    [InlineData("stale")]
    public async Task Get_ConsistencyMode_IsAcceptedAndReturnsTheValue(string mode)
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/m", "value");

        var get = await Http.GetReplyAsync($"v1/kv/{Prefix}/m?{mode}");

        Assert.True(get.Status == HttpStatusCode.OK, get.ToString());
        Assert.Equal("dmFsdWU=", Assert.Single(get.Json().EnumerateArray()).GetProperty("Value").GetString());
        Assert.NotNull(get.Header("X-Consul-KnownLeader"));
        Assert.NotNull(get.Header("X-Consul-LastContact"));
    }

    private static JsonElement Single(HttpReply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return Assert.Single(reply.Json().EnumerateArray());
    }
}
