namespace Trellis.Core.Snapshots;

/// <summary>
/// The <c>meta.json</c> of a snapshot archive. Field names are those of Consul's (Raft's) snapshot metadata;
/// <see cref="Size"/> is the length of <c>state.bin</c> in bytes.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record SnapshotMeta
{
    /// <summary>Snapshot format version (Raft's snapshot version 1).</summary>
    public int Version { get; init; } = 1;

    /// <summary>"term-index-unixmillis", as Raft names snapshots.</summary>
    public required string ID { get; init; }

    public ulong Index { get; init; }

    public ulong Term { get; init; }

    public long Size { get; init; }
}
