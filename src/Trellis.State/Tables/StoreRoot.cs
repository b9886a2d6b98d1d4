using System.Collections.Immutable;
using Trellis.Core.Kv;
using Trellis.Core.Sessions;

namespace Trellis.State.Tables;

/// <summary>
/// Every table of the store at one Raft index, as persistent immutable collections. The writer builds a new root
/// per command (sharing all untouched structure) and publishes it; a published root never changes.
/// </summary>
/// <remarks>Immutable; any number of threads may read one root at once.</remarks>
internal sealed record StoreRoot
{
    public static readonly StoreRoot Empty = new();

    /// <summary>Index of the last command applied.</summary>
    public ulong Index { get; init; }

    public ImmutableSortedSet<KvEntry> Kvs { get; init; } = ImmutableSortedSet.Create(KeyComparers.Entry);

    public ImmutableSortedSet<Tombstone> Tombstones { get; init; } = ImmutableSortedSet.Create(KeyComparers.Tombstone);

    public ImmutableSortedDictionary<string, Session> Sessions { get; init; } = ImmutableSortedDictionary.Create<string, Session>(StringComparer.Ordinal);

    /// <summary>Node name to the IDs of its sessions.</summary>
    public ImmutableDictionary<string, ImmutableSortedSet<string>> SessionsByNode { get; init; } = ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal);

    /// <summary>Session ID to the keys it holds locked.</summary>
    public ImmutableDictionary<string, ImmutableSortedSet<string>> KeysBySession { get; init; } = ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal);

    /// <summary>Key to the Unix time in ms until which lock acquisition is refused.</summary>
    public ImmutableDictionary<string, long> LockDelays { get; init; } = ImmutableDictionary.Create<string, long>(StringComparer.Ordinal);

    public ulong KvsIndex { get; init; }

    public ulong TombstonesIndex { get; init; }

    public ulong SessionsIndex { get; init; }

    /// <summary>The highest reap index applied: tombstones at or below it may be gone.</summary>
    public ulong ReapedIndex { get; init; }

    /// <summary>Consul's kvsMaxIndex: the max of the kvs and tombstones table indexes.</summary>
    public ulong KvsMaxIndex => Math.Max(KvsIndex, TombstonesIndex);
}
