using Trellis.Consensus;
using Trellis.Core.Rpc;
using Trellis.Server.Catalog;
using Trellis.Server.Kv;
using Trellis.Server.Leader;
using Trellis.Server.Operator;
using Trellis.Server.PreparedQueries;
using Trellis.Server.Sessions;
using Trellis.Server.Snapshots;
using Trellis.Server.Status;
using Trellis.Server.Txn;

namespace Trellis.Server;

/// <summary>
/// The in-process <see cref="IServerRpc"/> of a server agent: the endpoints over this server's Raft node, plus the
/// leader loops (session TTLs, tombstone GC). Construct it before <see cref="IRaftNode.StartAsync"/> so the first
/// leadership is seen. Single-server semantics for now: nothing is forwarded to another server.
/// </summary>
/// <remarks>Thread-safe; dispose once when the server stops.</remarks>
public sealed class ServerRpc : IServerRpc, IDisposable
{
    private readonly LeaderLoops _leader;

    public ServerRpc(IRaftNode raft, TimeProvider time, ServerOptions options, IResultFilter? filter = null)
    {
        _leader = new LeaderLoops(raft, time, options);
        Kv = new KvEndpoint(raft, time, options, _leader.Tombstones);
        Session = new SessionEndpoint(raft, time, options, _leader.SessionTimers, _leader.Tombstones);
        Txn = new TxnEndpoint(raft, time, options, _leader.Tombstones);
        Status = new StatusEndpoint(raft, time, options);
        Operator = new OperatorEndpoint(raft, time, options);
        Snapshot = new SnapshotEndpoint(raft, time, options);
        Catalog = new CatalogEndpoint(raft, time, options, filter, _leader.Tombstones);
        Health = new HealthEndpoint(raft, time, filter);
        PreparedQuery = new PreparedQueryEndpoint(raft, time, options);
    }

    public IKvRpc Kv { get; }

    public ISessionRpc Session { get; }

    public ITxnRpc Txn { get; }

    public IStatusRpc Status { get; }

    public IOperatorRpc Operator { get; }

    public ISnapshotRpc Snapshot { get; }

    public ICatalogRpc Catalog { get; }

    public IHealthRpc Health { get; }

    public IPreparedQueryRpc PreparedQuery { get; }

    /// <summary>The leader-only loops (exposed for tests and metrics).</summary>
    public LeaderLoops Leader => _leader;

    public void Dispose() => _leader.Dispose();
}
