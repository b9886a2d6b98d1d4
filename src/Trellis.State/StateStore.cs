using Trellis.State.Commands;
using Trellis.State.Watches;

namespace Trellis.State;

/// <summary>
/// The replicated state: an MVCC store of immutable snapshots. One writer (the FSM) applies commands in
/// log order; readers take <see cref="Snapshot"/> and never block it.
/// </summary>
/// <remarks>
/// <see cref="Apply"/>, <see cref="Restore"/> must be called by one thread at a time (the FSM's).
/// <see cref="Snapshot"/>, <see cref="Register"/>, <see cref="WatcherCount"/> and <see cref="WriteTo"/> are safe from any thread.
/// </remarks>
public sealed class StateStore
{
    /// <summary>The current immutable view.</summary>
    public StoreSnapshot Snapshot() => throw new NotImplementedException();

    /// <summary>
    /// Applies <paramref name="command"/> as Raft entry <paramref name="index"/> and returns its result
    /// (see each command's doc). Deterministic: no clock, randomness or I/O. Wakes the affected watches.
    /// </summary>
    public object? Apply(Command command, ulong index) => throw new NotImplementedException();

    /// <summary>
    /// Arms <paramref name="watch"/> with the topics recorded in it. If any of them changed after
    /// <paramref name="readAt"/> (the snapshot the topics were read from), it fires at once.
    /// </summary>
    public void Register(WatchSet watch, StoreSnapshot readAt) => throw new NotImplementedException();

    /// <summary>Registered watch registrations right now (for leak tests and metrics).</summary>
    public int WatcherCount => throw new NotImplementedException();

    /// <summary>Serializes the given snapshot (all tables and the index) to <paramref name="destination"/>.</summary>
    public static void WriteTo(StoreSnapshot snapshot, Stream destination) => throw new NotImplementedException();

    /// <summary>Replaces all state with a serialized store; on corrupt input throws and changes nothing.</summary>
    public void Restore(Stream source) => throw new NotImplementedException();
}
