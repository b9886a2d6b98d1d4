namespace Trellis.State.Commands;

/// <summary>
/// Replaces the whole store with a serialized store (the <c>state.bin</c> of a snapshot archive), atomically.
/// Going through the log makes a restore replicated and durable like any other write.
/// </summary>
public sealed record RestoreCommand(byte[] State) : Command
{
    public override CommandType Type => CommandType.Restore;
}
