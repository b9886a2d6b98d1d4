using Trellis.Core.Operator;
using Trellis.State;
using Trellis.State.Commands;

namespace Trellis.Consensus;

/// <summary>
/// This server's Raft member: the only way replicated state changes. <see cref="ApplyAsync"/> appends a
/// command to the log, waits until it is committed and applied by the FSM to <see cref="Store"/>, and
/// returns the FSM's result. Reads go straight to <see cref="Store"/>.
/// </summary>
/// <remarks>All members are thread-safe.</remarks>
public interface IRaftNode : IAsyncDisposable
{
    /// <summary>The state machine this node applies committed commands to.</summary>
    StateStore Store { get; }

    /// <summary>Opens the log (on disk or in memory), replays it into <see cref="Store"/> and joins the election.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Proposes <paramref name="command"/>; completes once it is committed and applied, with the value
    /// <see cref="StateStore.Apply"/> returned. Throws <see cref="NotLeaderException"/> on a follower.
    /// </summary>
    Task<object?> ApplyAsync(Command command, CancellationToken cancellationToken);

    /// <summary>Whether this node is the leader right now.</summary>
    bool IsLeader { get; }

    /// <summary>The leader's Raft address ("host:port"), or null when none is known.</summary>
    string? LeaderAddress { get; }

    /// <summary>Time since this node last heard from the leader (zero on the leader itself).</summary>
    TimeSpan LastContact { get; }

    /// <summary>Confirms leadership with a quorum and waits until everything committed so far is applied (for <c>?consistent</c>).</summary>
    Task VerifyLeadershipAsync(CancellationToken cancellationToken);

    /// <summary>Completes when this node gains leadership; the token is cancelled when it loses it. For leader loops.</summary>
    event Action<CancellationToken>? LeadershipAcquired;

    /// <summary>This node's current Raft term (0 before the first election).</summary>
    long Term { get; }

    /// <summary>The current Raft configuration (voters and their addresses).</summary>
    RaftConfiguration Configuration { get; }
}
