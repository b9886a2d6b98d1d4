namespace Trellis.Consensus.Log;

/// <summary>
/// One caller's entry waiting in the <see cref="ProposalBatcher"/>: the bytes to append and the <see cref="Proposal"/>
/// the apply loop completes with the applier's result for exactly this entry.
/// </summary>
/// <remarks>
/// Ownership moves once, atomically: either the appender takes it (<see cref="TryTake"/>) and appends it, or the
/// caller's cancellation wins (<see cref="TryCancel"/>) and it is never appended. Both may be called from any thread.
/// </remarks>
internal sealed class PendingProposal
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private int state;

    public PendingProposal(ReadOnlyMemory<byte> entry) => Entry = entry;

    /// <summary>The encoded command.</summary>
    public ReadOnlyMemory<byte> Entry { get; }

    /// <summary>Completed by the apply loop (result or applier exception), or by the batcher when appending failed.</summary>
    public Proposal Proposal { get; } = new();

    /// <summary>Claims the entry for appending; false when the caller cancelled first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref state, Taken, Queued) == Queued;

    /// <summary>Withdraws a still-queued entry; false when the appender already took it (it may still commit).</summary>
    public bool TryCancel() => Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued;
}
