using Trellis.Core.Catalog;

namespace Trellis.Core.PreparedQueries;

/// <summary>
/// Consul's <c>PreparedQueryExecuteResponse</c>. Consul embeds its <c>QueryMeta</c> in this body, so its fields
/// (<c>Index</c>, <c>LastContact</c>, <c>KnownLeader</c>, <c>ConsistencyLevel</c>, <c>NotModified</c>, <c>Backend</c>) appear here too.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record PreparedQueryExecuteResponse
{
    public string Service { get; init; } = "";

    public IReadOnlyList<ServiceEntry> Nodes { get; init; } = [];

    public QueryDnsOptions DNS { get; init; } = new();

    public string Datacenter { get; init; } = "";

    /// <summary>The cluster peer the results came from: always "" (no peering).</summary>
    public string PeerName { get; init; } = "";

    /// <summary>How many remote datacenters were tried: always 0 (one datacenter).</summary>
    public int Failovers { get; init; }

    public ulong Index { get; init; }

    /// <summary>Nanoseconds since the server last heard from the leader (Go's time.Duration).</summary>
    public long LastContact { get; init; }

    public bool KnownLeader { get; init; }

    public string ConsistencyLevel { get; init; } = "";

    public bool NotModified { get; init; }

    public int Backend { get; init; }
}
