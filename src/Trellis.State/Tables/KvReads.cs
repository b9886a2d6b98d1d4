using System.Collections.Immutable;
using Trellis.Core.Kv;

namespace Trellis.State.Tables;

/// <summary>Lookups and prefix range scans over the KV and tombstone tables.</summary>
/// <remarks>Stateless; works on immutable collections, so it is safe from any thread.</remarks>
internal static class KvReads
{
    public static KvEntry? Get(ImmutableSortedSet<KvEntry> kvs, string key) =>
        kvs.TryGetValue(new KvEntry { Key = key }, out var found) ? found : null;

    public static Tombstone? GetTombstone(ImmutableSortedSet<Tombstone> stones, string key) =>
        stones.TryGetValue(new Tombstone(key, 0), out var found) ? found : null;

    /// <summary>The first position of the range of keys starting with <paramref name="prefix"/>.</summary>
    public static int RangeStart(ImmutableSortedSet<KvEntry> kvs, string prefix)
    {
        var i = kvs.IndexOf(new KvEntry { Key = prefix });
        return i >= 0 ? i : ~i;
    }

    public static int RangeStart(ImmutableSortedSet<Tombstone> stones, string prefix)
    {
        var i = stones.IndexOf(new Tombstone(prefix, 0));
        return i >= 0 ? i : ~i;
    }

    public static List<KvEntry> List(ImmutableSortedSet<KvEntry> kvs, string prefix)
    {
        var result = new List<KvEntry>();
        if (prefix.Length == 0)
        {
            result.AddRange(kvs);
            return result;
        }

        for (var i = RangeStart(kvs, prefix); i < kvs.Count; i++)
        {
            var e = kvs[i];
            if (!e.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                break;
            }

            result.Add(e);
        }

        return result;
    }

    public static List<Tombstone> ListTombstones(ImmutableSortedSet<Tombstone> stones, string prefix)
    {
        var result = new List<Tombstone>();
        for (var i = RangeStart(stones, prefix); i < stones.Count; i++)
        {
            var t = stones[i];
            if (!t.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                break;
            }

            result.Add(t);
        }

        return result;
    }

    /// <summary>
    /// Consul's list index: the max ModifyIndex of the entries under the prefix and of the tombstones under it
    /// (the whole table index for an empty prefix), falling back to the table index when that is 0.
    /// </summary>
    public static ulong ListIndex(StoreRoot root, string prefix, IReadOnlyList<KvEntry> entries)
    {
        ulong lindex = 0;
        if (prefix.Length == 0)
        {
            lindex = root.KvsMaxIndex;
        }
        else
        {
            foreach (var e in entries)
            {
                lindex = Math.Max(lindex, e.ModifyIndex);
            }

            foreach (var t in ListTombstones(root.Tombstones, prefix))
            {
                lindex = Math.Max(lindex, t.Index);
            }
        }

        return lindex != 0 ? lindex : root.KvsMaxIndex;
    }

    /// <summary>Whether any entry under <paramref name="prefix"/> differs (by identity) between two roots.</summary>
    public static bool PrefixChanged(ImmutableSortedSet<KvEntry> before, ImmutableSortedSet<KvEntry> after, string prefix)
    {
        if (ReferenceEquals(before, after))
        {
            return false;
        }

        var i = RangeStart(before, prefix);
        var j = RangeStart(after, prefix);
        while (true)
        {
            var a = i < before.Count && before[i].Key.StartsWith(prefix, StringComparison.Ordinal) ? before[i] : null;
            var b = j < after.Count && after[j].Key.StartsWith(prefix, StringComparison.Ordinal) ? after[j] : null;
            if (a is null || b is null)
            {
                return !ReferenceEquals(a, b);
            }

            if (!ReferenceEquals(a, b))
            {
                return true;
            }

            i++;
            j++;
        }
    }

    /// <summary>Whether two values are the same bytes, treating null and empty alike (as Go's bytes.Equal does).</summary>
    public static bool SameValue(byte[]? a, byte[]? b) =>
        (a ?? []).AsSpan().SequenceEqual(b ?? []);
}
