using Trellis.Core.Catalog;
using Trellis.Core.Errors;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;

namespace Trellis.Agent.Tests.Local;

/// <summary>
/// A small in-memory catalog for anti-entropy tests: nodes with services and checks, register/deregister applied as
/// Consul's state store does (a service's checks go with it), and a log of the calls. Only catalog and health are
/// served; the other areas throw. <see cref="Fail"/> makes every call throw <see cref="NoLeaderException"/>.
/// </summary>
/// <remarks>One lock guards everything; safe from any thread.</remarks>
internal sealed class InMemoryCatalog : IServerRpc, ICatalogRpc, IHealthRpc
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CatalogNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Node, string Id), NodeService> _services = [];
    private readonly Dictionary<(string Node, string Id), HealthCheck> _checks = [];
    private readonly List<string> _calls = [];
    private ulong _index = 1;

    public bool Fail { get; set; }

    public IKvRpc Kv => throw new NotSupportedException();
    public ISessionRpc Session => throw new NotSupportedException();
    public ITxnRpc Txn => throw new NotSupportedException();
    public IStatusRpc Status => throw new NotSupportedException();
    public IOperatorRpc Operator => throw new NotSupportedException();
    public ISnapshotRpc Snapshot => throw new NotSupportedException();
    public ICatalogRpc Catalog => this;
    public IHealthRpc Health => this;

    public IPreparedQueryRpc PreparedQuery => throw new NotSupportedException();

    /// <summary>The calls so far: "register node", "register service:web", "deregister check:x"…</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToList();
            }
        }
    }

    public NodeService? Service(string node, string id)
    {
        lock (_gate)
        {
            return _services.GetValueOrDefault((node, id));
        }
    }

    public HealthCheck? Check(string node, string id)
    {
        lock (_gate)
        {
            return _checks.GetValueOrDefault((node, id));
        }
    }

    public Task RegisterAsync(RegisterRequest request, string? token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            _index++;
            if (!request.SkipNodeUpdate || !_nodes.ContainsKey(request.Node))
            {
                _nodes[request.Node] = new CatalogNode { Node = request.Node, ID = request.ID, Address = request.Address, Meta = request.NodeMeta };
                _calls.Add("register node");
            }

            if (request.Service is { } s)
            {
                _services[(request.Node, s.ID)] = s with { ModifyIndex = _index };
                _calls.Add("register service:" + s.ID);
            }

            foreach (var c in (request.Checks ?? []).Concat(request.Check is null ? [] : [request.Check]))
            {
                _checks[(request.Node, c.CheckID)] = c with { Node = request.Node, ModifyIndex = _index };
                _calls.Add("register check:" + c.CheckID);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeregisterAsync(DeregisterRequest request, string? token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            _index++;
            if (request.ServiceID is { } sid)
            {
                _services.Remove((request.Node, sid));
                foreach (var key in _checks.Where(kv => kv.Key.Node == request.Node && kv.Value.ServiceID == sid).Select(kv => kv.Key).ToList())
                {
                    _checks.Remove(key);
                }

                _calls.Add("deregister service:" + sid);
            }
            else if (request.CheckID is { } cid)
            {
                _checks.Remove((request.Node, cid));
                _calls.Add("deregister check:" + cid);
            }
        }

        return Task.CompletedTask;
    }

    public Task<QueryResult<NodeServices?>> NodeServicesAsync(string node, QueryOptions options, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            NodeServices? value = _nodes.TryGetValue(node, out var n)
                ? new NodeServices { Node = n, Services = _services.Where(kv => kv.Key.Node == node).Select(kv => kv.Value).ToList() }
                : null;
            return Task.FromResult(new QueryResult<NodeServices?>(value, new QueryMeta { Index = _index }));
        }
    }

    public Task<QueryResult<IReadOnlyList<HealthCheck>>> NodeChecksAsync(string node, QueryOptions options, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfFailing();
            IReadOnlyList<HealthCheck> list = _checks.Where(kv => kv.Key.Node == node).Select(kv => kv.Value).OrderBy(c => c.CheckID, StringComparer.Ordinal).ToList();
            return Task.FromResult(new QueryResult<IReadOnlyList<HealthCheck>>(list, new QueryMeta { Index = _index }));
        }
    }

    public Task<IReadOnlyList<string>> DatacentersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueryResult<IReadOnlyList<CatalogNode>>> NodesAsync(QueryOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueryResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>> ServicesAsync(QueryOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueryResult<IReadOnlyList<ServiceNode>>> ServiceNodesAsync(string service, IReadOnlyList<string> tags, bool connect, QueryOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueryResult<NodeServiceList>> NodeServiceListAsync(string node, QueryOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueryResult<IReadOnlyList<HealthCheck>>> ServiceChecksAsync(string service, QueryOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueryResult<IReadOnlyList<ServiceEntry>>> ServiceNodesAsync(string service, IReadOnlyList<string> tags, bool passing, bool connect, QueryOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueryResult<IReadOnlyList<HealthCheck>>> ChecksInStateAsync(string state, QueryOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueryResult<IReadOnlyList<ServiceEntry>>> ServiceDumpAsync(QueryOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<QueryResult<IReadOnlyList<NodeInfo>>> NodeDumpAsync(QueryOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();

    private void ThrowIfFailing()
    {
        if (Fail)
        {
            throw new NoLeaderException("No cluster leader");
        }
    }
}
