using Trellis.Core.Catalog;
using Trellis.Core.Queries;

namespace Trellis.Core.Rpc;

/// <summary>Health queries a server offers (Consul's <c>Health.*</c> RPCs). All of them block per their options.</summary>
/// <remarks>Implementations are thread-safe; any number of callers at once.</remarks>
public interface IHealthRpc
{
    /// <summary>Every check of <paramref name="node"/> (node and service checks), sorted by check ID.</summary>
    Task<QueryResult<IReadOnlyList<HealthCheck>>> NodeChecksAsync(string node, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>Every check bound to an instance of <paramref name="service"/>.</summary>
    Task<QueryResult<IReadOnlyList<HealthCheck>>> ServiceChecksAsync(string service, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// The instances of <paramref name="service"/> with their node and every check that applies (node checks and its
    /// own), restricted to instances having all <paramref name="tags"/>; with <paramref name="passing"/>, only those
    /// whose checks all pass; with <paramref name="connect"/>, its proxies and native instances instead.
    /// </summary>
    Task<QueryResult<IReadOnlyList<ServiceEntry>>> ServiceNodesAsync(
        string service, IReadOnlyList<string> tags, bool passing, bool connect, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Every service instance of the datacenter with its node and every check that applies (Consul's
    /// <c>Internal.ServiceDump</c>, behind <c>/v1/internal/ui/services</c>), by service name, node and ID.
    /// </summary>
    Task<QueryResult<IReadOnlyList<ServiceEntry>>> ServiceDumpAsync(QueryOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Every node of the datacenter with its service instances and checks (Consul's <c>Internal.NodeDump</c>, behind
    /// <c>/v1/internal/ui/nodes</c>), by node name; honours <c>node-meta</c> and <c>filter</c> (over the node records).
    /// </summary>
    Task<QueryResult<IReadOnlyList<NodeInfo>>> NodeDumpAsync(QueryOptions options, CancellationToken cancellationToken);

    /// <summary>Every check in <paramref name="state"/> (passing, warning, critical or any).</summary>
    Task<QueryResult<IReadOnlyList<HealthCheck>>> ChecksInStateAsync(string state, QueryOptions options, CancellationToken cancellationToken);
}
