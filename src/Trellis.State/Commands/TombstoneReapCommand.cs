namespace Trellis.State.Commands;

/// <summary>Removes KV tombstones whose index is at or below <see cref="ReapIndex"/> (decided by the leader's GC).</summary>
public sealed record TombstoneReapCommand(ulong ReapIndex) : Command
{
    public override CommandType Type => CommandType.TombstoneReap;
}
