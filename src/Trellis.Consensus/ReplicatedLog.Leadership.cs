using System.Diagnostics;
using DotNext.Net.Cluster.Consensus.Raft;
using Microsoft.Extensions.Logging;
using DotNextNotLeader = DotNext.Net.Cluster.Consensus.Raft.NotLeaderException;

namespace Trellis.Consensus;

/// <summary>Leadership tracking: events, last contact, and leadership verification.</summary>
public sealed partial class ReplicatedLog
{
    private readonly CancellationTokenSource lifetimeCts = new();
    private Task leadershipLoop = Task.CompletedTask;
    private long lastContactTicks = Stopwatch.GetTimestamp();

    /// <summary>Raised when this node becomes leader; the token is cancelled when it loses leadership or is disposed. Handlers should return quickly (start their loop and return).</summary>
    public event Action<CancellationToken>? LeadershipAcquired;

    /// <summary>Time since this node last knew a live leader (zero on the leader, or while following one).</summary>
    public TimeSpan LastContact
    {
        get
        {
            if (cluster is not { } raft)
                return TimeSpan.Zero;
            if (!raft.LeadershipToken.IsCancellationRequested || !raft.ConsensusToken.IsCancellationRequested)
            {
                Volatile.Write(ref lastContactTicks, Stopwatch.GetTimestamp());
                return TimeSpan.Zero;
            }

            return Stopwatch.GetElapsedTime(Volatile.Read(ref lastContactTicks));
        }
    }

    /// <summary>Confirms leadership with a quorum, then waits until every committed entry is applied.</summary>
    public async Task VerifyLeadershipAsync(CancellationToken cancellationToken)
    {
        var raft = RequireStarted();
        if (raft.LeadershipToken.IsCancellationRequested)
            throw new NotLeaderException(LeaderAddress);
        try
        {
            await raft.ApplyReadBarrierAsync(cancellationToken);
        }
        catch (Exception e) when (e is DotNextNotLeader or QuorumUnreachableException)
        {
            throw new NotLeaderException(LeaderAddress);
        }

        var commit = wal!.LastCommittedEntryIndex;
        await wal.WaitForApplyAsync(commit, cancellationToken);
    }

    private void OnLeaderChanged(RaftCluster<RaftClusterMember> sender, RaftClusterMember? leader)
    {
        if (leader is not null)
            Volatile.Write(ref lastContactTicks, Stopwatch.GetTimestamp());
    }

    /// <summary>Raises <see cref="LeadershipAcquired"/> once per leadership term until the log is disposed.</summary>
    private async Task RunLeadershipLoopAsync(RaftCluster raft, CancellationToken lifetime)
    {
        while (!lifetime.IsCancellationRequested)
        {
            CancellationToken leadership;
            try
            {
                leadership = await raft.WaitForLeadershipAsync(lifetime);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(leadership, lifetime))
            {
                try
                {
                    LeadershipAcquired?.Invoke(cts.Token);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "LeadershipAcquired handler failed");
                }

                // Wait for this leadership to end before waiting for the next one.
                var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await using (cts.Token.UnsafeRegister(static s => ((TaskCompletionSource)s!).TrySetResult(), ended))
                    await ended.Task;
            }
        }
    }
}
