namespace Trellis.Core.Snapshots;

/// <summary>A verified snapshot archive: its metadata and the serialized store (<c>state.bin</c>).</summary>
/// <remarks>Immutable by convention (do not mutate <see cref="State"/>); safe to share.</remarks>
public sealed record SnapshotContents(SnapshotMeta Meta, byte[] State);
