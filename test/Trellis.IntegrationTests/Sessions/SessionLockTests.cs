using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Sessions;

/// <summary>Locks on KV keys (<c>?acquire</c>/<c>?release</c>), lock-delay and TTL expiry, against a real agent.</summary>
public sealed class SessionLockTests(SessionAgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<SessionAgentFixture>
{
    [Fact]
    public async Task Acquire_TwoSessionsContend_SecondWinsOnlyAfterFirstReleases()
    {
        var first = await CreateAsync(new { Name = "first" });
        var second = await CreateAsync(new { Name = "second" });
        var key = $"v1/kv/{Prefix}/lock";

        Assert.Equal("true", (await Http.PutReplyAsync($"{key}?acquire={first}", "one")).Body.Trim());
        Assert.Equal("false", (await Http.PutReplyAsync($"{key}?acquire={second}", "two")).Body.Trim());
        var held = await EntryAsync(key);
        Assert.Equal(first, held.GetProperty("Session").GetString());
        Assert.Equal(1UL, held.GetProperty("LockIndex").GetUInt64());
        Assert.Equal("b25l", held.GetProperty("Value").GetString());

        Assert.Equal("false", (await Http.PutReplyAsync($"{key}?release={second}", "")).Body.Trim());
        Assert.Equal("true", (await Http.PutReplyAsync($"{key}?release={first}", "released")).Body.Trim());
        Assert.False((await EntryAsync(key)).TryGetProperty("Session", out _), "Session still set after release");

        Assert.Equal("true", (await Http.PutReplyAsync($"{key}?acquire={second}", "two")).Body.Trim());
        var taken = await EntryAsync(key);
        Assert.Equal(second, taken.GetProperty("Session").GetString());
        Assert.Equal(2UL, taken.GetProperty("LockIndex").GetUInt64());
    }

    [Fact]
    public async Task Acquire_SameSessionTwice_StaysTrueWithoutNewLockIndex()
    {
        var session = await CreateAsync(new { });
        var key = $"v1/kv/{Prefix}/again";

        Assert.Equal("true", (await Http.PutReplyAsync($"{key}?acquire={session}", "a")).Body.Trim());
        Assert.Equal("true", (await Http.PutReplyAsync($"{key}?acquire={session}", "b")).Body.Trim());

        var entry = await EntryAsync(key);
        Assert.Equal(1UL, entry.GetProperty("LockIndex").GetUInt64());
        Assert.Equal("Yg==", entry.GetProperty("Value").GetString());
    }

    [Fact]
    public async Task Acquire_UnknownSession_IsRejected()
    {
        var reply = await Http.PutReplyAsync($"v1/kv/{Prefix}/nosession?acquire={Guid.NewGuid()}", "v");

        // Consul compat: the state store's "invalid session" error surfaces as a 500.
        Assert.True(reply.Status == HttpStatusCode.InternalServerError, reply.ToString());
        Assert.StartsWith("invalid session", reply.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/nosession")).Status);
    }

    [Fact]
    public async Task Destroy_SessionHoldingLock_ReleasesKeyAndLockDelayBlocksOthers()
    {
        var holder = await CreateAsync(new { LockDelay = "3s" });
        var waiter = await CreateAsync(new { });
        var key = $"v1/kv/{Prefix}/delayed";
        Assert.Equal("true", (await Http.PutReplyAsync($"{key}?acquire={holder}", "v")).Body.Trim());

        await Http.PutReplyAsync($"v1/session/destroy/{holder}", "");
        var clock = Stopwatch.StartNew();

        Assert.False((await EntryAsync(key)).TryGetProperty("Session", out _), "lock not released by destroy");
        Assert.Equal("false", (await Http.PutReplyAsync($"{key}?acquire={waiter}", "w")).Body.Trim());
        var acquired = false;
        while (!acquired && clock.Elapsed < TimeSpan.FromSeconds(12))
        {
            await Task.Delay(250);
            acquired = (await Http.PutReplyAsync($"{key}?acquire={waiter}", "w")).Body.Trim() == "true";
        }

        Assert.True(acquired, "lock could not be acquired within 12 s of a 3 s lock-delay");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"acquired after {clock.ElapsedMilliseconds} ms, before the lock-delay ran out");
    }

    [Fact]
    public async Task Release_ThenAcquireByOther_HasNoLockDelay()
    {
        var holder = await CreateAsync(new { LockDelay = "10s" });
        var other = await CreateAsync(new { });
        var key = $"v1/kv/{Prefix}/nodelay";
        await Http.PutReplyAsync($"{key}?acquire={holder}", "v");

        await Http.PutReplyAsync($"{key}?release={holder}", "v");

        Assert.Equal("true", (await Http.PutReplyAsync($"{key}?acquire={other}", "v")).Body.Trim());
    }

    [Fact]
    public async Task Destroy_DeleteBehaviorSession_DeletesHeldKey()
    {
        var session = await CreateAsync(new { Behavior = "delete", LockDelay = "0s" });
        var key = $"v1/kv/{Prefix}/ephemeral";
        Assert.Equal("true", (await Http.PutReplyAsync($"{key}?acquire={session}", "v")).Body.Trim());

        await Http.PutReplyAsync($"v1/session/destroy/{session}", "");

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync(key)).Status);
    }

    [Fact]
    public async Task TtlExpiry_SessionNotRenewed_IsInvalidatedAndReleasesLock()
    {
        var session = await CreateAsync(new { TTL = "1s", LockDelay = "0s" });
        var key = $"v1/kv/{Prefix}/ttl";
        Assert.Equal("true", (await Http.PutReplyAsync($"{key}?acquire={session}", "v")).Body.Trim());
        var clock = Stopwatch.StartNew();

        var released = false;
        while (!released && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(250);
            released = !(await EntryAsync(key)).TryGetProperty("Session", out _);
        }

        Assert.True(released, "lock still held 15 s after a 1 s TTL expired");
        Assert.Equal(0, (await Http.GetReplyAsync($"v1/session/info/{session}")).Json().GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetReplyAsync(key)).Status);
    }

    [Fact]
    public async Task TtlSession_RenewedInTime_StaysValid()
    {
        var session = await CreateAsync(new { TTL = "2s" });
        var clock = Stopwatch.StartNew();

        while (clock.Elapsed < TimeSpan.FromSeconds(6))
        {
            var renew = await Http.PutReplyAsync($"v1/session/renew/{session}", "");
            Assert.True(renew.Status == HttpStatusCode.OK, $"renew failed after {clock.ElapsedMilliseconds} ms: {renew}");
            await Task.Delay(500);
        }

        Assert.Equal(1, (await Http.GetReplyAsync($"v1/session/info/{session}")).Json().GetArrayLength());
    }

    private async Task<string> CreateAsync(object body)
    {
        var create = await Http.PutJsonAsync("v1/session/create", body);
        Assert.True(create.Status == HttpStatusCode.OK, create.ToString());
        return create.Json().GetProperty("ID").GetString()!;
    }

    private async Task<JsonElement> EntryAsync(string keyPath)
    {
        var get = await Http.GetReplyAsync(keyPath);
        Assert.True(get.Status == HttpStatusCode.OK, get.ToString());
        return Assert.Single(get.Json().EnumerateArray());
    }
}
