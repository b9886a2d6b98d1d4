namespace Trellis.Cli.Commands.Snapshot;

/// <summary>The <c>meta.json</c> member of a snapshot archive (Raft's snapshot metadata, the fields inspect shows).</summary>
public sealed record SnapshotMeta
{
    public int Version { get; init; }

    public string ID { get; init; } = "";

    public ulong Index { get; init; }

    public ulong Term { get; init; }

    public long Size { get; init; }
}
