using Trellis.Consensus;
using Trellis.Core.Catalog;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Server.Blocking;
using Trellis.State;

namespace Trellis.Server.Catalog;

/// <summary>
/// Consul's <c>Health.*</c> RPCs. <c>ServiceNodes</c> watches only its service name (the per-service topic), so a
/// blocking query on one service sleeps through changes to every other service.
/// </summary>
/// <remarks>Thread-safe; holds no per-request state.</remarks>
public sealed class HealthEndpoint : IHealthRpc
{
    private readonly BlockingQueryRunner _queries;
    private readonly CatalogQueryFilters _filters;

    public HealthEndpoint(IRaftNode raft, TimeProvider time, IResultFilter? filter = null)
    {
        _queries = new BlockingQueryRunner(raft, time);
        _filters = new CatalogQueryFilters(filter ?? BexprResultFilter.Instance);
    }

    public Task<QueryResult<IReadOnlyList<HealthCheck>>> NodeChecksAsync(string node, QueryOptions options, CancellationToken cancellationToken)
    {
        var predicate = _filters.Compile<HealthCheck>(options);
        return _queries.RunAsync(options, (snapshot, watch) =>
        {
            var (checks, index) = snapshot.HealthNodeChecks(node, watch);
            return (CatalogQueryFilters.Apply(checks, predicate), index);
        }, cancellationToken);
    }

    public Task<QueryResult<IReadOnlyList<HealthCheck>>> ServiceChecksAsync(string service, QueryOptions options, CancellationToken cancellationToken)
    {
        var predicate = _filters.Compile<HealthCheck>(options);
        return _queries.RunAsync<IReadOnlyList<HealthCheck>>(options, (snapshot, watch) =>
        {
            var (checks, index) = snapshot.HealthServiceChecks(service, watch);
            return (CatalogQueryFilters.SortNear(CatalogQueryFilters.Apply(OnMatchingNodes(snapshot, checks, options), predicate), options), index);
        }, cancellationToken);
    }

    public Task<QueryResult<IReadOnlyList<ServiceEntry>>> ServiceDumpAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        var predicate = _filters.Compile<ServiceEntry>(options);
        return _queries.RunAsync<IReadOnlyList<ServiceEntry>>(options, (snapshot, watch) =>
        {
            var (instances, servicesIndex) = snapshot.CatalogAllInstances(watch);
            var (checks, checksIndex) = snapshot.HealthChecksInState(Core.Checks.HealthStatus.Any, watch);
            var byNode = checks.ToLookup(c => c.Node, StringComparer.OrdinalIgnoreCase);
            var entries = new List<ServiceEntry>(instances.Count);
            foreach (var (node, service) in instances)
            {
                if (!CatalogQueryFilters.MatchesMeta(node, options))
                {
                    continue;
                }

                var onNode = byNode[node.Node];
                entries.Add(new ServiceEntry
                {
                    Node = node,
                    Service = service,
                    Checks = [.. onNode.Where(c => c.ServiceID.Length == 0), .. onNode.Where(c => string.Equals(c.ServiceID, service.ID, StringComparison.OrdinalIgnoreCase))],
                });
            }

            return (CatalogQueryFilters.Apply(entries, predicate), Math.Max(servicesIndex, checksIndex));
        }, cancellationToken);
    }

    public Task<QueryResult<IReadOnlyList<NodeInfo>>> NodeDumpAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        var predicate = _filters.Compile<NodeInfo>(options);
        return _queries.RunAsync<IReadOnlyList<NodeInfo>>(options, (snapshot, watch) =>
        {
            var (nodes, nodesIndex) = snapshot.CatalogNodes(watch);
            var (instances, servicesIndex) = snapshot.CatalogAllInstances(watch);
            var (checks, checksIndex) = snapshot.HealthChecksInState(Core.Checks.HealthStatus.Any, watch);
            var servicesByNode = instances.ToLookup(i => i.Node.Node, i => i.Service, StringComparer.OrdinalIgnoreCase);
            var checksByNode = checks.ToLookup(c => c.Node, StringComparer.OrdinalIgnoreCase);
            var infos = new List<NodeInfo>(nodes.Count);
            foreach (var node in nodes)
            {
                if (!CatalogQueryFilters.MatchesMeta(node, options))
                {
                    continue;
                }

                infos.Add(new NodeInfo
                {
                    ID = node.ID,
                    Node = node.Node,
                    Address = node.Address,
                    TaggedAddresses = node.TaggedAddresses,
                    Meta = node.Meta,
                    Services = [.. servicesByNode[node.Node].OrderBy(s => s.ID, StringComparer.Ordinal)],
                    Checks = [.. checksByNode[node.Node].OrderBy(c => c.CheckID, StringComparer.Ordinal)],
                });
            }

            return (CatalogQueryFilters.Apply(infos, predicate), Math.Max(nodesIndex, Math.Max(servicesIndex, checksIndex)));
        }, cancellationToken);
    }

    public Task<QueryResult<IReadOnlyList<ServiceEntry>>> ServiceNodesAsync(
        string service, IReadOnlyList<string> tags, bool passing, bool connect, QueryOptions options, CancellationToken cancellationToken)
    {
        var predicate = _filters.Compile<ServiceEntry>(options);
        return _queries.RunAsync<IReadOnlyList<ServiceEntry>>(options, (snapshot, watch) =>
        {
            var (entries, index) = snapshot.HealthServiceNodes(service, connect, watch);
            IReadOnlyList<ServiceEntry> matching =
            [
                .. entries.Where(e => CatalogQueryFilters.MatchesMeta(e.Node, options)
                    && CatalogQueryFilters.HasTags(e.Service, tags)
                    && (!passing || CatalogQueryFilters.IsPassing(e))),
            ];
            return (CatalogQueryFilters.SortNear(CatalogQueryFilters.Apply(matching, predicate), options), index);
        }, cancellationToken);
    }

    public Task<QueryResult<IReadOnlyList<HealthCheck>>> ChecksInStateAsync(string state, QueryOptions options, CancellationToken cancellationToken)
    {
        // Consul compat: an unknown state is not an error; it matches no check.
        var predicate = _filters.Compile<HealthCheck>(options);
        return _queries.RunAsync<IReadOnlyList<HealthCheck>>(options, (snapshot, watch) =>
        {
            var (checks, index) = snapshot.HealthChecksInState(state, watch);
            return (CatalogQueryFilters.SortNear(CatalogQueryFilters.Apply(OnMatchingNodes(snapshot, checks, options), predicate), options), index);
        }, cancellationToken);
    }

    /// <summary>The checks whose node carries every <c>node-meta</c> pair of <paramref name="options"/>.</summary>
    private static IReadOnlyList<HealthCheck> OnMatchingNodes(StoreSnapshot snapshot, IReadOnlyList<HealthCheck> checks, QueryOptions options) =>
        options.NodeMeta is not { Count: > 0 }
            ? checks
            : [.. checks.Where(c => snapshot.CatalogNode(c.Node) is { } n && CatalogQueryFilters.MatchesMeta(n, options))];
}
