using System.Net;

namespace Trellis.Consensus;

/// <summary>
/// How to run this server's Raft member. Validated once by <see cref="ReplicatedLog"/>; immutable afterwards.
/// </summary>
/// <remarks>Immutable record; safe to share between threads.</remarks>
public sealed record RaftNodeOptions
{
    /// <summary>This server's node ID (Consul's <c>node_id</c>), reported in the Raft configuration.</summary>
    public required string NodeId { get; init; }

    /// <summary>This server's node name, reported in the Raft configuration.</summary>
    public required string NodeName { get; init; }

    /// <summary>The address peers use to reach this server, as advertised (Consul's advertise address and server port, 8300 by default).</summary>
    public required IPEndPoint Endpoint { get; init; }

    /// <summary>The address the Raft listener binds to (Consul's bind address); null listens on <see cref="Endpoint"/>.</summary>
    public IPEndPoint? BindEndpoint { get; init; }

    /// <summary>The directory for the log and snapshots; null keeps everything in memory (dev mode).</summary>
    public string? DataDir { get; init; }

    /// <summary>Cold-start as a single-member cluster that elects itself (dev mode, <c>-bootstrap</c>).</summary>
    public bool Bootstrap { get; init; }

    /// <summary>Other voters known up front (for future multi-server clusters); empty for a single server.</summary>
    public IReadOnlyList<IPEndPoint> InitialMembers { get; init; } = [];

    /// <summary>Lower bound of the randomized election timeout.</summary>
    public TimeSpan ElectionTimeoutMin { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Upper bound of the randomized election timeout.</summary>
    public TimeSpan ElectionTimeoutMax { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Time budget of one Raft RPC.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A snapshot is taken (and the log compacted behind it) every this many applied entries.</summary>
    public long SnapshotThreshold { get; init; } = 16_384;

    /// <summary>The most proposals appended as one batch (committed by one replication round, one WAL flush).</summary>
    public int MaxBatchEntries { get; init; } = 512;

    /// <summary>Size of one log chunk file.</summary>
    public int ChunkSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>The Raft address as "host:port".</summary>
    public string Address => FormatAddress(Endpoint);

    internal static string FormatAddress(EndPoint endPoint) => endPoint switch
    {
        IPEndPoint ip => ip.ToString(),
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? string.Empty,
    };

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeId))
            throw new ArgumentException("NodeId is required", nameof(NodeId));
        if (string.IsNullOrWhiteSpace(NodeName))
            throw new ArgumentException("NodeName is required", nameof(NodeName));
        if (ElectionTimeoutMin <= TimeSpan.Zero || ElectionTimeoutMax < ElectionTimeoutMin)
            throw new ArgumentException("Election timeouts must be positive and min <= max");
        if (MaxBatchEntries <= 0)
            throw new ArgumentException("MaxBatchEntries must be positive", nameof(MaxBatchEntries));
        if (SnapshotThreshold <= 0)
            throw new ArgumentException("SnapshotThreshold must be positive", nameof(SnapshotThreshold));
    }
}
