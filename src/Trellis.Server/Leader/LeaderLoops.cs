using Trellis.Consensus;
using Trellis.Server.Sessions;

namespace Trellis.Server.Leader;

/// <summary>
/// Starts the leader-only work (session TTL timers, tombstone GC, registering this server in the catalog, the first
/// autopilot settings) each time this server gains leadership;
/// each stops itself when the leadership token is cancelled. Construct it before the Raft node starts so no
/// leadership event is missed.
/// </summary>
/// <remarks>Thread-safe; the leadership callback runs on whichever thread Raft raises it from.</remarks>
public sealed class LeaderLoops : IDisposable
{
    private readonly IRaftNode _raft;

    public LeaderLoops(IRaftNode raft, TimeProvider time, ServerOptions options)
    {
        _raft = raft;
        Tombstones = new TombstoneGc(raft, time, options);
        SessionTimers = new SessionTimers(raft, time, Tombstones);
        SelfRegistration = new CatalogSelfRegistration(raft, time, options);
        Autopilot = new AutopilotBootstrap(raft, time, options);
        _raft.LeadershipAcquired += OnLeadershipAcquired;
    }

    public TombstoneGc Tombstones { get; }

    public SessionTimers SessionTimers { get; }

    public CatalogSelfRegistration SelfRegistration { get; }

    public AutopilotBootstrap Autopilot { get; }

    public void Dispose()
    {
        _raft.LeadershipAcquired -= OnLeadershipAcquired;
        SessionTimers.Dispose();
        Tombstones.Dispose();
    }

    private void OnLeadershipAcquired(CancellationToken leadership)
    {
        Tombstones.Start(leadership);
        SessionTimers.Start(leadership);
        SelfRegistration.Start(leadership);
        Autopilot.Start(leadership);
    }
}
