using Trellis.Consensus;
using Trellis.Core.Operator;
using Trellis.State;
using Trellis.State.Commands;

namespace Trellis.Server.Tests.Testing;

/// <summary>
/// Stands in for Raft ONLY in unit tests: applies each command straight to a real <see cref="StateStore"/>, one at a
/// time and in order, with increasing indexes — no network, no log, no elections. Leadership is switched by the test.
/// </summary>
/// <remarks>Thread-safe: applies are serialized by a semaphore.</remarks>
public sealed class InProcessRaftNode : IRaftNode
{
    public const string Address = "127.0.0.1:8300";

    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private readonly List<Command> _applied = [];
    private CancellationTokenSource? _leadership;

    // As in the real node (and Consul), index 1 is the bootstrap entry: the first command gets index 2.
    private ulong _index = 1;

    public StateStore Store { get; } = new();

    public bool IsLeader { get; private set; }

    /// <summary>Set to simulate a follower that knows (or not) a leader elsewhere.</summary>
    public string? OtherLeader { get; set; }

    public string? LeaderAddress => IsLeader ? Address : OtherLeader;

    public TimeSpan LastContact => IsLeader ? TimeSpan.Zero : TimeSpan.FromMilliseconds(25);

    public int VerifyCalls { get; private set; }

    /// <summary>Set by the test; a real node reports its current election term.</summary>
    public long Term { get; set; } = 1;

    public RaftConfiguration Configuration => new(
        [new RaftServerInfo { ID = "node-id", Node = "node1", Address = Address, Leader = IsLeader }], 1);

    public event Action<CancellationToken>? LeadershipAcquired;

    /// <summary>Every command applied so far, in order.</summary>
    public IReadOnlyList<Command> Applied
    {
        get
        {
            lock (_applied)
            {
                return [.. _applied];
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        BecomeLeader();
        return Task.CompletedTask;
    }

    public void BecomeLeader()
    {
        _leadership = new CancellationTokenSource();
        IsLeader = true;
        LeadershipAcquired?.Invoke(_leadership.Token);
    }

    public void LoseLeadership()
    {
        IsLeader = false;
        _leadership?.Cancel();
        _leadership?.Dispose();
        _leadership = null;
    }

    public async Task<object?> ApplyAsync(Command command, CancellationToken cancellationToken)
    {
        if (!IsLeader)
        {
            throw new NotLeaderException(OtherLeader);
        }

        // Go through the codec as a real log entry would.
        var decoded = CommandCodec.Decode(CommandCodec.Encode(command));
        await _applyLock.WaitAsync(cancellationToken);
        try
        {
            lock (_applied)
            {
                _applied.Add(decoded);
            }

            return Store.Apply(decoded, ++_index);
        }
        finally
        {
            _applyLock.Release();
        }
    }

    public Task VerifyLeadershipAsync(CancellationToken cancellationToken)
    {
        VerifyCalls++;
        return IsLeader ? Task.CompletedTask : Task.FromException(new NotLeaderException(OtherLeader));
    }

    public ValueTask DisposeAsync()
    {
        LoseLeadership();
        _applyLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
