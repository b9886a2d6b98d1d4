using Trellis.State.Commands;
using Trellis.State.Persistence;
using Trellis.State.Tables;
using Trellis.State.Watches;

namespace Trellis.State;

/// <summary>
/// The replicated state: an MVCC store of immutable snapshots. One writer (the FSM) applies commands in
/// log order; readers take <see cref="Snapshot"/> and never block it.
/// </summary>
/// <remarks>
/// <see cref="Apply"/>, <see cref="Restore"/> must be called by one thread at a time (the FSM's).
/// <see cref="Snapshot"/>, <see cref="Register"/>, <see cref="WatcherCount"/> and <see cref="WriteTo"/> are safe from any thread.
/// The writer publishes each new root with a volatile write; the watch registry has its own short lock.
/// </remarks>
public sealed class StateStore
{
    private readonly WatchRegistry _watches = new();
    private StoreSnapshot _current = new(StoreRoot.Empty);

    /// <summary>The current immutable view.</summary>
    public StoreSnapshot Snapshot() => Volatile.Read(ref _current);

    /// <summary>
    /// Applies <paramref name="command"/> as Raft entry <paramref name="index"/> and returns its result
    /// (see each command's doc). Deterministic: no clock, randomness or I/O. Wakes the affected watches.
    /// </summary>
    /// <returns>
    /// <see cref="KvCommand"/>: <see cref="bool"/>. <see cref="SessionCommand"/>: Create yields the session ID
    /// (null when that ID already exists), Destroy a <see cref="bool"/> (whether it existed).
    /// <see cref="TxnCommand"/>: a <see cref="Core.Txn.TxnResponse"/>. <see cref="CatalogRegisterCommand"/>: null, or
    /// Consul's error text (a <see cref="string"/>) with nothing applied. Deregister, reap and restore: null.
    /// </returns>
    public object? Apply(Command command, ulong index)
    {
        ArgumentNullException.ThrowIfNull(command);
        var root = Snapshot().Root;
        if (command is RestoreCommand restore)
        {
            using var stream = new MemoryStream(restore.State, writable: false);
            // Consul compat: indexes come from the snapshot and may go backwards; blocking queries detect that and
            // return. Later commands still build on max(root index, their Raft index), so watches keep firing.
            Publish(StateSerializer.Read(stream), everything: true, changes: null);
            return null;
        }

        var writer = new StoreWriter(root, index);
        var (result, keep) = CommandApplier.Apply(writer, command);
        Publish(keep ? writer.Build() : root with { Index = Math.Max(root.Index, index) }, everything: false, keep ? writer.Changes : null);
        return result;
    }

    /// <summary>
    /// Arms <paramref name="watch"/> with the topics recorded in it. If any of them changed after
    /// <paramref name="readAt"/> (the snapshot the topics were read from), it fires at once.
    /// </summary>
    public void Register(WatchSet watch, StoreSnapshot readAt)
    {
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(readAt);
        if (!_watches.Arm(watch, readAt.Index))
        {
            return;
        }

        // Armed first, then compared: a commit published after this read of the root notifies the registration.
        if (WatchCheck.ChangedSince(readAt.Root, Snapshot().Root, watch.Topics))
        {
            _watches.Remove(watch);
            watch.Fire();
        }
    }

    /// <summary>Registered watch registrations right now (for leak tests and metrics).</summary>
    public int WatcherCount => _watches.Count;

    /// <summary>Serializes the given snapshot (all tables and the index) to <paramref name="destination"/>.</summary>
    public static void WriteTo(StoreSnapshot snapshot, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        StateSerializer.Write(snapshot.Root, destination);
    }

    /// <summary>Replaces all state with a serialized store; on corrupt input throws and changes nothing.</summary>
    public void Restore(Stream source) => Publish(StateSerializer.Read(source), everything: true, changes: null);

    private void Publish(StoreRoot root, bool everything, ChangeSet? changes)
    {
        Volatile.Write(ref _current, new StoreSnapshot(root));
        if (everything)
        {
            _watches.Notify(new ChangeSet { Everything = true }, root.Index);
        }
        else if (changes is not null)
        {
            _watches.Notify(changes, root.Index);
        }
    }
}
