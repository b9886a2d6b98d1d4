using System.Text;
using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Txn;
using Trellis.Server.Tests.Testing;

namespace Trellis.Server.Tests.Kv;

public sealed class KvEndpointTests
{
    private static KvEntry Entry(string key, string? value = null, ulong modifyIndex = 0, string? session = null) =>
        new() { Key = key, Value = value is null ? null : Encoding.UTF8.GetBytes(value), ModifyIndex = modifyIndex, Session = session };

    [Fact]
    public async Task ApplyAsync_Set_GetReturnsValueAndModifyIndex()
    {
        await using var f = new ServerFixture();

        Assert.True(await f.Rpc.Kv.ApplyAsync(KvVerb.Set, Entry("a/b", "v1"), null, default));
        var result = await f.Rpc.Kv.GetAsync("a/b", QueryOptions.Default, default);

        Assert.Equal("v1", Encoding.UTF8.GetString(result.Value!.Value!));
        Assert.Equal(result.Value.ModifyIndex, result.Meta.Index);
        Assert.True(result.Meta.KnownLeader);
    }

    [Fact]
    public async Task GetAsync_MissingKeyOnEmptyStore_ReportsIndexOne()
    {
        await using var f = new ServerFixture();

        var result = await f.Rpc.Kv.GetAsync("nope", QueryOptions.Default, default);

        Assert.Null(result.Value);
        Assert.Equal(1UL, result.Meta.Index);
    }

    [Fact]
    public async Task ApplyAsync_CasWithStaleIndex_ReturnsFalseAndKeepsValue()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, Entry("k", "one"), null, default);
        var current = (await f.Rpc.Kv.GetAsync("k", QueryOptions.Default, default)).Value!;

        Assert.False(await f.Rpc.Kv.ApplyAsync(KvVerb.Cas, Entry("k", "two", current.ModifyIndex + 7), null, default));
        Assert.True(await f.Rpc.Kv.ApplyAsync(KvVerb.Cas, Entry("k", "three", current.ModifyIndex), null, default));

        Assert.Equal("three", Encoding.UTF8.GetString((await f.Rpc.Kv.GetAsync("k", QueryOptions.Default, default)).Value!.Value!));
    }

    [Fact]
    public async Task ApplyAsync_DeleteTree_RemovesOnlyThePrefix()
    {
        await using var f = new ServerFixture();
        foreach (var key in new[] { "app/a", "app/b/c", "other" })
        {
            await f.Rpc.Kv.ApplyAsync(KvVerb.Set, Entry(key, "x"), null, default);
        }

        Assert.True(await f.Rpc.Kv.ApplyAsync(KvVerb.DeleteTree, Entry("app/"), null, default));

        var keys = await f.Rpc.Kv.KeysAsync("", null, QueryOptions.Default, default);
        Assert.Equal(["other"], keys.Value);
    }

    [Fact]
    public async Task KeysAsync_WithSeparator_RollsUpAtSeparator()
    {
        await using var f = new ServerFixture();
        foreach (var key in new[] { "web/a", "web/sub/1", "web/sub/2", "web/z" })
        {
            await f.Rpc.Kv.ApplyAsync(KvVerb.Set, Entry(key), null, default);
        }

        var keys = await f.Rpc.Kv.KeysAsync("web/", "/", QueryOptions.Default, default);

        Assert.Equal(["web/a", "web/sub/", "web/z"], keys.Value);
    }

    [Fact]
    public async Task ApplyAsync_ValueOverLimit_ThrowsConsulTooLargeText()
    {
        await using var f = new ServerFixture(new ServerOptions { KvMaxValueSize = 4 });

        var e = await Assert.ThrowsAsync<RequestTooLargeException>(() => f.Rpc.Kv.ApplyAsync(KvVerb.Set, Entry("k", "12345"), null, default));

        Assert.Equal(
            "Request body(5 bytes) too large, max size: 4 bytes. See https://developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size.",
            e.Message);
        Assert.Empty(f.Raft.Applied);
    }

    [Fact]
    public async Task ApplyAsync_EmptyKeyForSet_ThrowsMustProvideKey()
    {
        await using var f = new ServerFixture();

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.Kv.ApplyAsync(KvVerb.Set, Entry(""), null, default));

        Assert.Equal("Must provide key", e.Message);
    }

    [Fact]
    public async Task ApplyAsync_LockWithUnknownSession_ThrowsInvalidSession()
    {
        await using var f = new ServerFixture();

        var e = await Assert.ThrowsAsync<InternalServerErrorException>(
            () => f.Rpc.Kv.ApplyAsync(KvVerb.Lock, Entry("k", session: "no-such"), null, default));

        Assert.Equal("invalid session \"no-such\"", e.Message);
    }

    [Fact]
    public async Task ApplyAsync_LockThenUnlock_SetsAndClearsSession()
    {
        await using var f = new ServerFixture();
        var session = await f.CreateSessionAsync();

        Assert.True(await f.Rpc.Kv.ApplyAsync(KvVerb.Lock, Entry("lk", "me", session: session), null, default));
        Assert.Equal(session, (await f.Rpc.Kv.GetAsync("lk", QueryOptions.Default, default)).Value!.Session);

        Assert.True(await f.Rpc.Kv.ApplyAsync(KvVerb.Unlock, Entry("lk", "me", session: session), null, default));
        Assert.Null((await f.Rpc.Kv.GetAsync("lk", QueryOptions.Default, default)).Value!.Session);
    }

    [Fact]
    public async Task ApplyAsync_LockDuringLockDelay_ReturnsFalseWithoutProposing()
    {
        await using var f = new ServerFixture();
        var first = await f.CreateSessionAsync(lockDelayNs: 15_000_000_000);
        Assert.True(await f.Rpc.Kv.ApplyAsync(KvVerb.Lock, Entry("lk", session: first), null, default));
        await f.Rpc.Session.DestroyAsync(first, null, default);
        var second = await f.CreateSessionAsync();
        var proposed = f.Raft.Applied.Count;

        Assert.False(await f.Rpc.Kv.ApplyAsync(KvVerb.Lock, Entry("lk", session: second), null, default));

        Assert.Equal(proposed, f.Raft.Applied.Count);
        Assert.NotNull(f.Raft.Store.Snapshot().KvLockDelayUntil("lk"));
    }

    [Fact]
    public async Task ApplyAsync_OnFollower_ThrowsNotLeader()
    {
        await using var f = new ServerFixture(leader: false);

        await Assert.ThrowsAsync<Trellis.Consensus.NotLeaderException>(() => f.Rpc.Kv.ApplyAsync(KvVerb.Set, Entry("k"), null, default));
    }
}
