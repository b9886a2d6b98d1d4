using Trellis.State;
using Trellis.State.Commands;

namespace Trellis.Consensus;

/// <summary>The production <see cref="ICommandApplier"/>: decodes entries with <see cref="CommandCodec"/> and applies them to a <see cref="StateStore"/>.</summary>
/// <remarks>Called by the log's apply loop only (one thread at a time), as <see cref="StateStore.Apply"/> requires.</remarks>
public sealed class StateStoreApplier : ICommandApplier
{
    public StateStoreApplier(StateStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
    }

    public StateStore Store { get; }

    public object? Apply(ReadOnlySpan<byte> entry, ulong index) => Store.Apply(CommandCodec.Decode(entry), index);

    public void WriteSnapshot(Stream destination) => StateStore.WriteTo(Store.Snapshot(), destination);

    public void RestoreSnapshot(Stream source) => Store.Restore(source);
}
