using System.Collections.Immutable;
using Trellis.Core.Catalog;
using Trellis.Core.Kv;
using Trellis.Core.PreparedQueries;
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

    /// <summary>Catalog nodes by name (case-insensitive, in Consul's order).</summary>
    public ImmutableSortedDictionary<string, CatalogNode> Nodes { get; init; } = ImmutableSortedDictionary.Create<string, CatalogNode>(CatalogKey.Comparer);

    /// <summary>Node ID (case-insensitive) to node name, for nodes registered with an ID.</summary>
    public ImmutableDictionary<string, string> NodeIds { get; init; } = ImmutableDictionary.Create<string, string>(CatalogKey.Comparer);

    /// <summary>Node name to its services by ID. A node without services has no entry.</summary>
    public ImmutableDictionary<string, ImmutableSortedDictionary<string, NodeService>> Services { get; init; } =
        ImmutableDictionary.Create<string, ImmutableSortedDictionary<string, NodeService>>(CatalogKey.Comparer);

    /// <summary>Service name to its instances, sorted by node then ID. A name without instances has no entry.</summary>
    public ImmutableSortedDictionary<string, ImmutableSortedSet<ServiceKey>> ServiceInstances { get; init; } =
        ImmutableSortedDictionary.Create<string, ImmutableSortedSet<ServiceKey>>(CatalogKey.Comparer);

    /// <summary>Node name to its checks by check ID. A node without checks has no entry.</summary>
    public ImmutableDictionary<string, ImmutableSortedDictionary<string, HealthCheck>> Checks { get; init; } =
        ImmutableDictionary.Create<string, ImmutableSortedDictionary<string, HealthCheck>>(CatalogKey.Comparer);

    /// <summary>
    /// Consul's per-service index ("service.&lt;name&gt;"): the last index at which anything a health query of that
    /// service returns changed (an instance, its checks, its node or the node's checks). Dropped with the last instance.
    /// </summary>
    public ImmutableDictionary<string, ulong> ServiceIndexes { get; init; } = ImmutableDictionary.Create<string, ulong>(CatalogKey.Comparer);

    /// <summary>Prepared queries by ID (case-insensitive, as Consul's UUID index).</summary>
    public ImmutableSortedDictionary<string, PreparedQuery> PreparedQueries { get; init; } =
        ImmutableSortedDictionary.Create<string, PreparedQuery>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Non-empty prepared query names (case-insensitive) to their query ID.</summary>
    public ImmutableDictionary<string, string> PreparedQueryNames { get; init; } = ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase);

    public ulong PreparedQueriesIndex { get; init; }

    /// <summary>The cluster's autopilot settings; null until the leader (or an operator) first writes them.</summary>
    public Core.Operator.AutopilotConfiguration? AutopilotConfig { get; init; }

    public ulong NodesIndex { get; init; }

    public ulong ServicesIndex { get; init; }

    public ulong ChecksIndex { get; init; }

    public ulong KvsIndex { get; init; }

    public ulong TombstonesIndex { get; init; }

    public ulong SessionsIndex { get; init; }

    /// <summary>The highest reap index applied: tombstones at or below it may be gone.</summary>
    public ulong ReapedIndex { get; init; }

    /// <summary>Consul's kvsMaxIndex: the max of the kvs and tombstones table indexes.</summary>
    public ulong KvsMaxIndex => Math.Max(KvsIndex, TombstonesIndex);
}
