using Trellis.Consensus;
using Trellis.Core.Errors;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Core.Sessions;
using Trellis.Server.Blocking;
using Trellis.Server.Leader;
using Trellis.State;
using Trellis.State.Commands;

namespace Trellis.Server.Sessions;

/// <summary>
/// Consul's <c>Session.*</c> RPCs. Create validates and assigns a fresh UUID before proposing (the FSM must stay
/// deterministic); destroy proposes with this server's clock (for the lock delay); renew only resets the leader's timer.
/// </summary>
/// <remarks>Thread-safe; holds no per-request state.</remarks>
public sealed class SessionEndpoint : ISessionRpc
{
    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;
    private readonly SessionValidator _validator;
    private readonly ServerOptions _options;
    private readonly BlockingQueryRunner _queries;
    private readonly SessionTimers? _timers;
    private readonly TombstoneGc? _tombstones;

    public SessionEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options)
        : this(raft, time, options, null, null)
    {
    }

    public SessionEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options, SessionTimers? timers, TombstoneGc? tombstones)
    {
        _raft = raft;
        _time = time;
        _validator = new SessionValidator(options);
        _options = options;
        _queries = new BlockingQueryRunner(raft, time);
        _timers = timers;
        _tombstones = tombstones;
    }

    public async Task<string> CreateAsync(Session request, string? token, CancellationToken cancellationToken)
    {
        var session = _validator.Validate(request) with { CreateIndex = 0, ModifyIndex = 0 };
        var snapshot = _raft.Store.Snapshot();
        if (_options.VerifySessionChecks)
        {
            VerifyCatalog(snapshot, session);
        }

        string id;
        do
        {
            id = Guid.NewGuid().ToString();
        }
        while (snapshot.SessionGet(id).Session is not null);

        session = session with { ID = id };
        var result = await _raft.ApplyAsync(new SessionCommand(SessionOp.Create, session, Now()), cancellationToken).ConfigureAwait(false);
        _timers?.Reset(session);
        return result as string ?? id;
    }

    public async Task DestroyAsync(string id, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidRequestException("Must provide ID");
        }

        var existing = _raft.Store.Snapshot().SessionGet(id).Session;
        var session = existing ?? new Session { ID = id, Node = "" };
        await _raft.ApplyAsync(new SessionCommand(SessionOp.Destroy, session, Now()), cancellationToken).ConfigureAwait(false);
        _timers?.Clear(id);
        if (existing?.Behavior == SessionBehavior.Delete)
        {
            _tombstones?.Hint(_raft.Store.Snapshot().Index);
        }
    }

    public Task<Session?> RenewAsync(string id, string? token, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Timers live on the leader; forwarding a renew there is future work.
        if (!_raft.IsLeader)
        {
            throw new NotLeaderException(_raft.LeaderAddress);
        }

        var session = _raft.Store.Snapshot().SessionGet(id).Session;
        if (session is not null)
        {
            _timers?.Reset(session);
        }

        return Task.FromResult(session);
    }

    public Task<QueryResult<Session?>> GetAsync(string id, QueryOptions options, CancellationToken cancellationToken) =>
        _queries.RunAsync<Session?>(options, (snapshot, watch) => snapshot.SessionGet(id, watch), cancellationToken);

    public Task<QueryResult<IReadOnlyList<Session>>> ListAsync(QueryOptions options, CancellationToken cancellationToken) =>
        _queries.RunAsync(options, (snapshot, watch) => snapshot.SessionList(watch), cancellationToken);

    public Task<QueryResult<IReadOnlyList<Session>>> ListByNodeAsync(string node, QueryOptions options, CancellationToken cancellationToken) =>
        _queries.RunAsync(options, (snapshot, watch) => snapshot.SessionListByNode(node, watch), cancellationToken);

    /// <summary>
    /// Consul's session-create checks against the catalog: the node is registered and every node and service check the
    /// session names exists and is not critical. Consul answers these with a 500 and these texts.
    /// </summary>
    private static void VerifyCatalog(StoreSnapshot snapshot, Session session)
    {
        if (snapshot.CatalogNode(session.Node) is null)
        {
            throw new InternalServerErrorException("Missing node registration");
        }

        var checks = snapshot.HealthNodeChecks(session.Node).Checks;
        foreach (var id in (session.NodeChecks ?? []).Concat(session.ServiceChecks ?? []))
        {
            var check = checks.FirstOrDefault(c => string.Equals(c.CheckID, id, StringComparison.OrdinalIgnoreCase))
                ?? throw new InternalServerErrorException($"Missing check '{id}' registration");
            if (check.Status == Core.Checks.HealthStatus.Critical)
            {
                throw new InternalServerErrorException($"Check '{id}' is in {check.Status} state");
            }
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
