using System.Text;
using Trellis.Http.Responses;

namespace Trellis.Http.Tests.Responses;

public sealed class SerializedResultCacheTests
{
    private static byte[] Serialize(string value, bool pretty) => Encoding.UTF8.GetBytes(pretty ? value + "\n" : value);

    private static string Text(byte[] body) => Encoding.UTF8.GetString(body);

    [Fact]
    public void GetOrSerialize_SameKeyAndIndex_SerializesOnceAndReturnsTheFirstBody()
    {
        var cache = new SerializedResultCache();

        var first = cache.GetOrSerialize("k", 7, false, "a", Serialize);
        var second = cache.GetOrSerialize("k", 7, false, "a", Serialize);

        Assert.Equal(1, cache.Serializations);
        Assert.Same(first, second);
        Assert.Equal("a", Text(second));
    }

    [Fact]
    public void GetOrSerialize_NewerIndex_SerializesTheNewValue()
    {
        var cache = new SerializedResultCache();
        cache.GetOrSerialize("k", 7, false, "old", Serialize);

        var body = cache.GetOrSerialize("k", 8, false, "new", Serialize);

        Assert.Equal("new", Text(body));
        Assert.Equal("new", Text(cache.GetOrSerialize("k", 8, false, "ignored", Serialize)));
        Assert.Equal(2, cache.Serializations);
    }

    [Fact]
    public void GetOrSerialize_OlderIndexThanCached_ServesItsOwnValueAndKeepsTheNewerEntry()
    {
        var cache = new SerializedResultCache();
        cache.GetOrSerialize("k", 8, false, "new", Serialize);

        var stale = cache.GetOrSerialize("k", 7, false, "old", Serialize);

        Assert.Equal("old", Text(stale));
        Assert.Equal("new", Text(cache.GetOrSerialize("k", 8, false, "ignored", Serialize)));
    }

    [Fact]
    public void GetOrSerialize_PrettyAndOtherKeys_AreCachedApart()
    {
        var cache = new SerializedResultCache();

        var compact = cache.GetOrSerialize("k", 7, false, "a", Serialize);
        var pretty = cache.GetOrSerialize("k", 7, true, "a", Serialize);
        var other = cache.GetOrSerialize("other", 7, false, "b", Serialize);

        Assert.Equal(["a", "a\n", "b"], new[] { Text(compact), Text(pretty), Text(other) });
        Assert.Equal(3, cache.Serializations);
    }

    [Fact]
    public async Task GetOrSerialize_ConcurrentCallersSameKeyAndIndex_ShareOneSerialization()
    {
        var cache = new SerializedResultCache();
        using var release = new ManualResetEventSlim();
        var calls = 0;
        byte[] Slow(string value, bool pretty)
        {
            Interlocked.Increment(ref calls);
            release.Wait(TimeSpan.FromSeconds(10));
            return Serialize(value, pretty);
        }

        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetOrSerialize("k", 3, false, "v", Slow))).ToArray();
        await Task.Delay(100);
        release.Set();
        var bodies = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, calls);
        Assert.All(bodies, b => Assert.Same(bodies[0], b));
    }

    [Fact]
    public void GetOrSerialize_MoreKeysThanCapacity_StaysBounded()
    {
        var cache = new SerializedResultCache(maxEntries: 4);

        for (var i = 0; i < 20; i++)
        {
            cache.GetOrSerialize($"k{i}", 1, false, "v", Serialize);
        }

        Assert.InRange(cache.Count, 1, 4);
    }

    [Fact]
    public void KeyOf_IgnoresBlockingParametersAndPrettyButKeepsFiltersAndToken()
    {
        static KeyValuePair<string, string?> Q(string k, string? v) => new(k, v);

        var a = SerializedResultCache.KeyOf("/v1/health/service/web", [Q("index", "5"), Q("passing", null), Q("wait", "5m")], null);
        var b = SerializedResultCache.KeyOf("/v1/health/service/web", [Q("passing", null), Q("pretty", null), Q("index", "9")], null);
        var tagged = SerializedResultCache.KeyOf("/v1/health/service/web", [Q("passing", null), Q("tag", "v1")], null);
        var otherToken = SerializedResultCache.KeyOf("/v1/health/service/web", [Q("passing", null)], "secret");
        var otherService = SerializedResultCache.KeyOf("/v1/health/service/api", [Q("passing", null)], null);

        Assert.Equal(a, b);
        Assert.Equal(5, new[] { a, tagged, otherToken, otherService, SerializedResultCache.KeyOf("/v1/health/service/web", [Q("filter", "a==b")], null) }.Distinct().Count());
    }
}
