using Microsoft.Extensions.Logging;
using Trellis.Core.Operator;
using Trellis.State;
using Trellis.State.Commands;

namespace Trellis.Consensus;

/// <summary>
/// The production <see cref="IRaftNode"/>: commands are encoded with <see cref="CommandCodec"/>, replicated through a
/// <see cref="ReplicatedLog"/> and applied to <see cref="Store"/> by a <see cref="StateStoreApplier"/>.
/// </summary>
/// <remarks>All members are thread-safe; see <see cref="ReplicatedLog"/> for the threading of the apply loop.</remarks>
public sealed class RaftNode : IRaftNode
{
    private readonly ReplicatedLog log;

    public RaftNode(RaftNodeOptions options, StateStore store, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        log = new ReplicatedLog(options, new StateStoreApplier(store), loggerFactory);
    }

    public StateStore Store { get; }

    /// <summary>The underlying log (indexes, snapshot counters).</summary>
    public ReplicatedLog Log => log;

    public Task StartAsync(CancellationToken cancellationToken) => log.StartAsync(cancellationToken);

    public Task<object?> ApplyAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return log.ProposeAsync(CommandCodec.Encode(command), cancellationToken);
    }

    public bool IsLeader => log.IsLeader;

    public string? LeaderAddress => log.LeaderAddress;

    public TimeSpan LastContact => log.LastContact;

    public Task VerifyLeadershipAsync(CancellationToken cancellationToken) => log.VerifyLeadershipAsync(cancellationToken);

    public event Action<CancellationToken>? LeadershipAcquired
    {
        add => log.LeadershipAcquired += value;
        remove => log.LeadershipAcquired -= value;
    }

    public long Term => log.Term;

    public RaftConfiguration Configuration => log.Configuration;

    public ValueTask DisposeAsync() => log.DisposeAsync();
}
