using Trellis.Core.Catalog;
using Trellis.Core.Kv;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Sessions;
using Trellis.State.Tables;

namespace Trellis.State.Persistence;

/// <summary>The serialized form of the whole store (the <c>state.bin</c> of a snapshot). Format version 1.</summary>
/// <remarks>A plain data record; not shared between threads while being built.</remarks>
internal sealed record StateDocument
{
    public int Version { get; init; } = StateSerializer.FormatVersion;

    public ulong Index { get; init; }

    public ulong KvsIndex { get; init; }

    public ulong TombstonesIndex { get; init; }

    public ulong SessionsIndex { get; init; }

    public ulong ReapedIndex { get; init; }

    public IReadOnlyList<KvEntry>? Kvs { get; init; }

    public IReadOnlyList<Tombstone>? Tombstones { get; init; }

    public IReadOnlyList<Session>? Sessions { get; init; }

    public IReadOnlyList<LockDelay>? LockDelays { get; init; }

    public ulong NodesIndex { get; init; }

    public ulong ServicesIndex { get; init; }

    public ulong ChecksIndex { get; init; }

    public IReadOnlyList<CatalogNode>? Nodes { get; init; }

    public IReadOnlyList<ServiceRow>? Services { get; init; }

    public IReadOnlyList<HealthCheck>? Checks { get; init; }

    public IReadOnlyList<ServiceIndexRow>? ServiceIndexes { get; init; }

    public ulong PreparedQueriesIndex { get; init; }

    public IReadOnlyList<PreparedQuery>? PreparedQueries { get; init; }

    /// <summary>Absent in stores written before autopilot settings existed, and until they are first written.</summary>
    public Core.Operator.AutopilotConfiguration? Autopilot { get; init; }
}
