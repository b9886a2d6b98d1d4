namespace Trellis.Consensus;

/// <summary>
/// The state machine behind the replicated log: applies committed entries in log order and
/// writes/restores its whole state for snapshots. Keeps the log layer independent of the store's content.
/// </summary>
/// <remarks>
/// The log calls <see cref="Apply"/>, <see cref="WriteSnapshot"/> and <see cref="RestoreSnapshot"/> from one
/// thread at a time (never concurrently with each other). Implementations must be deterministic.
/// </remarks>
public interface ICommandApplier
{
    /// <summary>Applies the committed entry at <paramref name="index"/> and returns its result for the proposer.</summary>
    object? Apply(ReadOnlySpan<byte> entry, ulong index);

    /// <summary>Writes the complete current state (as of the last applied entry) to <paramref name="destination"/>.</summary>
    void WriteSnapshot(Stream destination);

    /// <summary>Replaces the complete state with one written by <see cref="WriteSnapshot"/>.</summary>
    void RestoreSnapshot(Stream source);
}
