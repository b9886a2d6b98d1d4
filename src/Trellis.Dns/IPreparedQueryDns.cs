using Trellis.Core.Catalog;

namespace Trellis.Dns;

/// <summary>
/// The seam between the DNS server and prepared queries: executes a query by name or ID for a
/// <c>&lt;query&gt;.query[.&lt;dc&gt;].consul</c> lookup. When no implementation is given, such lookups answer NXDOMAIN.
/// </summary>
/// <remarks>Implementations are thread-safe; the DNS server calls them concurrently.</remarks>
public interface IPreparedQueryDns
{
    /// <summary>
    /// Runs the prepared query <paramref name="nameOrId"/> in <paramref name="datacenter"/>; null when no query has that
    /// name or ID (and no template matches it).
    /// </summary>
    Task<PreparedQueryDnsResult?> ExecuteAsync(string nameOrId, string datacenter, CancellationToken cancellationToken);
}
