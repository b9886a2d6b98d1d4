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

    /// <summary>A node with its services and checks, or null when the node is not registered. Blocks per <paramref name="options"/>.</summary>
    Task<QueryResult<NodeServices?>> NodeServicesAsync(string node, QueryOptions options, CancellationToken cancellationToken);
}
