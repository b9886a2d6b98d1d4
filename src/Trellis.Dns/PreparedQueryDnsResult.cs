using Trellis.Core.Catalog;

namespace Trellis.Dns;

/// <summary>What a prepared query gives the DNS server: healthy instances (already filtered by the query) and its <c>DNS.TTL</c>.</summary>
public sealed record PreparedQueryDnsResult
{
    public IReadOnlyList<ServiceEntry> Nodes { get; init; } = [];

    /// <summary>The query's <c>DNS.TTL</c>; null uses the service TTL of <c>dns_config</c>.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>The datacenter the answers come from (after failover).</summary>
    public string Datacenter { get; init; } = "";
}
