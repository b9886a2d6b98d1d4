using Trellis.Consensus;
using Trellis.Core.Catalog;
using Trellis.Core.Errors;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Server.Blocking;
using Trellis.State;
using Trellis.State.Commands;

namespace Trellis.Server.PreparedQueries;

/// <summary>
/// Consul's <c>PreparedQuery.*</c> RPCs. Apply validates, assigns a fresh UUID on create and proposes a
/// <see cref="PreparedQueryCommand"/>; Get and List block on the prepared-queries table; Execute resolves (ID, name,
/// template prefix), renders templates, filters the service's instances and answers from this datacenter only.
/// </summary>
/// <remarks>
/// Thread-safe; holds no per-request state. Consul compat: failover is accepted in definitions but there is one
/// datacenter, so a query with no healthy local instance answers an empty list with <c>Failovers</c> 0.
/// </remarks>
public sealed class PreparedQueryEndpoint : IPreparedQueryRpc
{
    /// <summary>Consul's <c>ErrQueryNotFound</c> text.</summary>
    public const string QueryNotFound = "Query not found";

    private readonly IRaftNode _raft;
    private readonly ServerOptions _options;
    private readonly BlockingQueryRunner _queries;

    public PreparedQueryEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options)
    {
        _raft = raft;
        _options = options;
        _queries = new BlockingQueryRunner(raft, time);
    }

    public async Task<string> ApplyAsync(PreparedQueryOp op, PreparedQuery query, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var snapshot = _raft.Store.Snapshot();
        switch (op)
        {
            case PreparedQueryOp.Create:
                if (!string.IsNullOrEmpty(query.ID))
                {
                    throw new InvalidRequestException("ID must be empty when creating a new prepared query");
                }

                string id;
                do
                {
                    id = Guid.NewGuid().ToString();
                }
                while (snapshot.PreparedQueryGet(id).Query is not null);

                query = query with { ID = id };
                break;
            case PreparedQueryOp.Update or PreparedQueryOp.Delete:
                if (snapshot.PreparedQueryGet(query.ID ?? "").Query is null)
                {
                    throw new InvalidRequestException($"Cannot modify non-existent prepared query: '{query.ID}'");
                }

                break;
            default:
                throw new InvalidRequestException($"Unknown prepared query operation: {op}");
        }

        if (op != PreparedQueryOp.Delete)
        {
            query = Normalize(query);
            PreparedQueryValidator.Validate(query);
        }

        var result = await _raft.ApplyAsync(new PreparedQueryCommand(op, query with { CreateIndex = 0, ModifyIndex = 0 }), cancellationToken)
            .ConfigureAwait(false);
        if (result is string error)
        {
            // Consul compat: the state store's texts; Consul answers them with a 500, Trellis with a 400 (bad input).
            throw new InvalidRequestException(error);
        }

        return query.ID!;
    }

    public async Task<QueryResult<IReadOnlyList<PreparedQuery>>> GetAsync(string id, QueryOptions options, CancellationToken cancellationToken)
    {
        var result = await _queries.RunAsync<PreparedQuery?>(options, (snapshot, watch) => snapshot.PreparedQueryGet(id, watch), cancellationToken)
            .ConfigureAwait(false);
        var query = result.Value ?? throw new NotFoundException(QueryNotFound);
        return new QueryResult<IReadOnlyList<PreparedQuery>>([query], result.Meta);
    }

    public Task<QueryResult<IReadOnlyList<PreparedQuery>>> ListAsync(QueryOptions options, CancellationToken cancellationToken) =>
        _queries.RunAsync(options, (snapshot, watch) => snapshot.PreparedQueryList(watch), cancellationToken);

    public async Task<QueryResult<PreparedQueryExecuteResponse>> ExecuteAsync(PreparedQueryExecuteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _queries.EnsureReadableAsync(request.Options, cancellationToken).ConfigureAwait(false);
        var snapshot = _raft.Store.Snapshot();
        var (query, index) = Resolve(snapshot, request.QueryIdOrName, request.AgentSegment);
        var service = query.Service;
        var connect = service.Connect || request.Connect;

        // Peering is not supported: a query for a peer's service finds nothing here.
        IReadOnlyList<ServiceEntry> instances = string.IsNullOrEmpty(service.Peer)
            ? snapshot.HealthServiceNodes(service.Service, connect).Entries
            : [];
        var kept = PreparedQueryExecutor.Filter(service, instances);

        var near = request.Near.Length > 0 ? request.Near : service.Near;
        if (near == "_agent")
        {
            near = request.AgentNode;
        }

        var nodes = PreparedQueryExecutor.Arrange(kept, near, request.Limit, Random.Shared);
        var meta = _queries.Meta(index);
        return new QueryResult<PreparedQueryExecuteResponse>(new PreparedQueryExecuteResponse
        {
            Service = service.Service,
            Nodes = nodes,
            DNS = query.DNS,
            Datacenter = _options.Datacenter,
            Failovers = 0,
            Index = meta.Index,
            LastContact = meta.LastContact.Ticks * 100,
            KnownLeader = meta.KnownLeader,
            ConsistencyLevel = ConsistencyLevel(request.Options),
        }, meta);
    }

    public async Task<QueryResult<PreparedQueryExplainResponse>> ExplainAsync(string queryIdOrName, string agentSegment, QueryOptions options, CancellationToken cancellationToken)
    {
        await _queries.EnsureReadableAsync(options, cancellationToken).ConfigureAwait(false);
        var (query, index) = Resolve(_raft.Store.Snapshot(), queryIdOrName, agentSegment);
        var meta = _queries.Meta(index);
        return new QueryResult<PreparedQueryExplainResponse>(new PreparedQueryExplainResponse
        {
            Query = query,
            Index = meta.Index,
            LastContact = meta.LastContact.Ticks * 100,
            KnownLeader = meta.KnownLeader,
            ConsistencyLevel = ConsistencyLevel(options),
        }, meta);
    }

    private static (PreparedQuery Query, ulong Index) Resolve(StoreSnapshot snapshot, string idOrName, string agentSegment)
    {
        try
        {
            var (query, index) = snapshot.PreparedQueryResolve(idOrName, agentSegment);
            return query is null ? throw new NotFoundException(QueryNotFound) : (query, index);
        }
        catch (QueryTemplateException ex)
        {
            throw new InvalidRequestException(ex.Message);
        }
    }

    /// <summary>Fills the sub-objects a client may send as null so every stored query has them.</summary>
    private static PreparedQuery Normalize(PreparedQuery query) => query with
    {
        Name = query.Name ?? "",
        Session = query.Session ?? "",
        Token = query.Token ?? "",
        Template = query.Template ?? new QueryTemplateOptions(),
        DNS = query.DNS ?? new QueryDnsOptions(),
        Service = (query.Service ?? new ServiceQuery()) is var s ? s with
        {
            Service = s.Service ?? "",
            SamenessGroup = s.SamenessGroup ?? "",
            Near = s.Near ?? "",
            Peer = s.Peer ?? "",
            Failover = s.Failover ?? new QueryFailoverOptions(),
        } : null!,
    };

    private static string ConsistencyLevel(QueryOptions options) => options.Consistency switch
    {
        ConsistencyMode.Stale => "stale",
        ConsistencyMode.Consistent => "consistent",
        _ => "leader",
    };
}
