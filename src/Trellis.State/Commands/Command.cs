namespace Trellis.State.Commands;

/// <summary>
/// A change of replicated state. Immutable and fully determined before it is proposed: any time or id
/// it needs is a field, so that applying it is deterministic on every server.
/// </summary>
public abstract record Command
{
    public abstract CommandType Type { get; }
}
