using Trellis.Consensus;
using Trellis.Core.Catalog;
using Trellis.Core.Errors;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Server.Blocking;
using Trellis.State.Commands;

namespace Trellis.Server.Catalog;

/// <summary>
/// Consul's <c>Catalog.*</c> RPCs: register and deregister are validated here and proposed as commands (the FSM
/// applies them atomically or reports Consul's error); reads are blocking queries that watch exactly what they read.
/// </summary>
/// <remarks>Thread-safe; holds no per-request state.</remarks>
public sealed class CatalogEndpoint : ICatalogRpc
{
    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;
    private readonly ServerOptions _options;
    private readonly BlockingQueryRunner _queries;
    private readonly CatalogQueryFilters _filters;

    public CatalogEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options, IResultFilter? filter = null)
    {
        _raft = raft;
        _time = time;
        _options = options;
        _queries = new BlockingQueryRunner(raft, time);
        _filters = new CatalogQueryFilters(filter ?? UnsupportedResultFilter.Instance);
    }

    public async Task RegisterAsync(RegisterRequest request, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckDatacenter(request.Datacenter);
        var prepared = RegisterValidator.Validate(request, _options.Datacenter);
        var result = await _raft.ApplyAsync(new CatalogRegisterCommand(prepared, Now()), cancellationToken).ConfigureAwait(false);
        if (result is string error)
        {
            // Consul compat: the state store's text ("failed inserting check: Missing service registration").
            throw new InvalidRequestException(error);
        }
    }

    public async Task DeregisterAsync(DeregisterRequest request, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckDatacenter(request.Datacenter);
        if (string.IsNullOrEmpty(request.Node))
        {
            throw new InvalidRequestException("Must provide node");
        }

        var prepared = request with { Datacenter = _options.Datacenter };
        await _raft.ApplyAsync(new CatalogDeregisterCommand(prepared, Now()), cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> DatacentersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> dcs = [_options.Datacenter];
        return Task.FromResult(dcs);
    }

    public Task<QueryResult<IReadOnlyList<CatalogNode>>> NodesAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        _filters.Validate<CatalogNode>(options);
        return _queries.RunAsync<IReadOnlyList<CatalogNode>>(options, (snapshot, watch) =>
        {
            var (nodes, index) = snapshot.CatalogNodes(watch);
            IReadOnlyList<CatalogNode> matching = [.. nodes.Where(n => CatalogQueryFilters.MatchesMeta(n, options))];
            return (CatalogQueryFilters.SortNear(_filters.Apply(matching, options), options), index);
        }, cancellationToken);
    }

    public Task<QueryResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>> ServicesAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        _filters.Validate<ServiceNode>(options);
        return _queries.RunAsync<IReadOnlyDictionary<string, IReadOnlyList<string>>>(options, (snapshot, watch) =>
        {
            var (instances, index) = snapshot.CatalogAllInstances(watch);
            IReadOnlyList<ServiceNode> rows = [.. instances.Where(i => CatalogQueryFilters.MatchesMeta(i.Node, options)).Select(i => ServiceNode.From(i.Node, i.Service))];
            rows = _filters.Apply(rows, options);
            var services = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!services.TryGetValue(row.ServiceName, out var tags))
                {
                    services[row.ServiceName] = tags = new SortedSet<string>(StringComparer.Ordinal);
                }

                tags.UnionWith(row.ServiceTags);
            }

            IReadOnlyDictionary<string, IReadOnlyList<string>> result = services.ToDictionary(
                kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value], StringComparer.Ordinal);
            return (result, index);
        }, cancellationToken);
    }

    public Task<QueryResult<IReadOnlyList<ServiceNode>>> ServiceNodesAsync(
        string service, IReadOnlyList<string> tags, bool connect, QueryOptions options, CancellationToken cancellationToken)
    {
        _filters.Validate<ServiceNode>(options);
        return _queries.RunAsync<IReadOnlyList<ServiceNode>>(options, (snapshot, watch) =>
        {
            var (instances, index) = snapshot.CatalogServiceInstances(service, connect, watch);
            IReadOnlyList<ServiceNode> rows =
            [
                .. instances
                    .Where(i => CatalogQueryFilters.MatchesMeta(i.Node, options) && CatalogQueryFilters.HasTags(i.Service, tags))
                    .Select(i => ServiceNode.From(i.Node, i.Service) with { Datacenter = i.Node.Datacenter.Length > 0 ? i.Node.Datacenter : _options.Datacenter }),
            ];
            return (CatalogQueryFilters.SortNear(_filters.Apply(rows, options), options), index);
        }, cancellationToken);
    }

    public Task<QueryResult<NodeServices?>> NodeServicesAsync(string node, QueryOptions options, CancellationToken cancellationToken) =>
        _queries.RunAsync(options, (snapshot, watch) => snapshot.CatalogNodeServices(node, watch), cancellationToken);

    public Task<QueryResult<NodeServiceList>> NodeServiceListAsync(string node, QueryOptions options, CancellationToken cancellationToken)
    {
        _filters.Validate<NodeService>(options);
        return _queries.RunAsync(options, (snapshot, watch) =>
        {
            var (found, index) = snapshot.CatalogNodeServices(node, watch);
            var list = found is null
                ? new NodeServiceList()
                : new NodeServiceList { Node = found.Node, Services = _filters.Apply(found.Services, options) };
            return (list, index);
        }, cancellationToken);
    }

    private void CheckDatacenter(string? datacenter)
    {
        if (!string.IsNullOrEmpty(datacenter) && !string.Equals(datacenter, _options.Datacenter, StringComparison.Ordinal))
        {
            // Consul compat: an unknown datacenter is a plain RPC error (500) with this text.
            throw new InternalServerErrorException("No path to datacenter");
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
