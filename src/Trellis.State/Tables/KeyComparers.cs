using Trellis.Core.Kv;

namespace Trellis.State.Tables;

/// <summary>Orders KV entries and tombstones by key, ordinally, so that every key prefix is one contiguous range.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class KeyComparers
{
    public static readonly IComparer<KvEntry> Entry = Comparer<KvEntry>.Create(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

    public static readonly IComparer<Tombstone> Tombstone = Comparer<Tombstone>.Create(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
}
