using Trellis.Core.Kv;
using Trellis.Core.Sessions;
using Trellis.State.Tables;

namespace Trellis.State.Persistence;

/// <summary>The serialized form of the whole store (the <c>state.bin</c> of a snapshot). Format version 1.</summary>
/// <remarks>A plain data record; not shared between threads while being built.</remarks>
public sealed record StateDocument
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
}
