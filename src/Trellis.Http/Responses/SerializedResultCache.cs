using System.Collections.Concurrent;

namespace Trellis.Http.Responses;

/// <summary>
/// The serialized body of read results, keyed by the request (see <see cref="KeyOf"/>) and the result's index, so that
/// the blocking watchers of one query that one change wakes serialize the answer once instead of once each.
/// </summary>
/// <remarks>
/// Thread-safe. Only for results that are a pure function of the request and their index — e.g.
/// <c>/v1/health/service/:name</c>, whose index is the per-service index bumped by every change to that service's
/// health view. Keeps the newest index per key (compact and pretty separately); a request answered at an older index
/// serializes its own body and leaves the entry alone. Concurrent callers with the same key and index share one
/// serialization. At most <c>maxEntries</c> keys are held: when full, the cache is emptied and refills.
/// </remarks>
public sealed class SerializedResultCache(int maxEntries = 256)
{
    private readonly ConcurrentDictionary<(string Key, bool Pretty), Entry> _entries = new();
    private long _serializations;

    /// <summary>How many bodies were serialized (a hit costs none): for tests and diagnostics.</summary>
    public long Serializations => Interlocked.Read(ref _serializations);

    /// <summary>The number of keys held.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The cache key of a request: its path, its query without the blocking parameters (<c>index</c>, <c>wait</c>) and
    /// without <c>pretty</c> (kept apart by the caller), and the token (results may depend on who asks).
    /// </summary>
    public static string KeyOf(string path, IEnumerable<KeyValuePair<string, string?>> query, string? token)
    {
        var parts = query
            .Where(q => !string.Equals(q.Key, "index", StringComparison.Ordinal)
                && !string.Equals(q.Key, "wait", StringComparison.Ordinal)
                && !string.Equals(q.Key, "pretty", StringComparison.Ordinal))
            .Select(q => Uri.EscapeDataString(q.Key) + (q.Value is null ? "" : "=" + Uri.EscapeDataString(q.Value)));
        return path + "?" + string.Join('&', parts) + "#" + (token ?? "");
    }

    /// <summary>The body of <paramref name="value"/> at <paramref name="index"/>, serialized at most once per key and index.</summary>
    public byte[] GetOrSerialize<T>(string key, ulong index, bool pretty, T value, Func<T, bool, byte[]> serialize)
    {
        var fresh = new Entry(index, new Lazy<byte[]>(() => Serialize(value, pretty, serialize), LazyThreadSafetyMode.ExecutionAndPublication));
        if (_entries.Count >= maxEntries && !_entries.ContainsKey((key, pretty)))
        {
            _entries.Clear();
        }

        var entry = _entries.AddOrUpdate((key, pretty), fresh, (_, old) => old.Index >= index ? old : fresh);
        return entry.Index == index ? entry.Body.Value : Serialize(value, pretty, serialize);
    }

    private byte[] Serialize<T>(T value, bool pretty, Func<T, bool, byte[]> serialize)
    {
        Interlocked.Increment(ref _serializations);
        return serialize(value, pretty);
    }

    private sealed record Entry(ulong Index, Lazy<byte[]> Body);
}
