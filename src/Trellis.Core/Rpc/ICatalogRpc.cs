using Trellis.Core.Catalog;
using Trellis.Core.Queries;

namespace Trellis.Core.Rpc;

/// <summary>Catalog operations a server offers (Consul's <c>Catalog.*</c> RPCs).</summary>
/// <remarks>Implementations are thread-safe; any number of callers at once.</remarks>
public interface ICatalogRpc
{
    /// <summary>Registers or updates a node and optionally a service and checks, through Raft.</summary>
    Task RegisterAsync(RegisterRequest request, string? token, CancellationToken cancellationToken);

    /// <summary>Removes a node, a service or a check (see <see cref="DeregisterRequest"/>); unknown ones are not an error.</summary>
    Task DeregisterAsync(DeregisterRequest request, string? token, CancellationToken cancellationToken);

    /// <summary>The known datacenters (only the local one until WAN federation).</summary>
    Task<IReadOnlyList<string>> DatacentersAsync(CancellationToken cancellationToken);

    /// <summary>Every node, sorted by name, honouring <see cref="QueryOptions.NodeMeta"/> and <see cref="QueryOptions.Filter"/>.</summary>
    Task<QueryResult<IReadOnlyList<CatalogNode>>> NodesAsync(QueryOptions options, CancellationToken cancellationToken);

    /// <summary>Every service name with the union of its instances' tags (nodes filtered by <see cref="QueryOptions.NodeMeta"/>).</summary>
    Task<QueryResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>> ServicesAsync(QueryOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// The instances of <paramref name="service"/> having every tag of <paramref name="tags"/>; with
    /// <paramref name="connect"/>, the Connect-capable ones (its proxies and native instances) instead.
    /// </summary>
    Task<QueryResult<IReadOnlyList<ServiceNode>>> ServiceNodesAsync(
        string service, IReadOnlyList<string> tags, bool connect, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>A node with its services and checks, or null when the node is not registered. Blocks per <paramref name="options"/>.</summary>
    Task<QueryResult<NodeServices?>> NodeServicesAsync(string node, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>A node and its services as a list (<c>Node</c> is null when it is not registered).</summary>
    Task<QueryResult<NodeServiceList>> NodeServiceListAsync(string node, QueryOptions options, CancellationToken cancellationToken);
}
