using Trellis.Core.Sessions;

namespace Trellis.State.Commands;

/// <summary>
/// Creates or destroys a session. <see cref="NowUnixMilliseconds"/> is the proposer's clock, used on destroy to
/// start the lock delay of the keys the session held. Applying Create yields the session ID.
/// </summary>
public sealed record SessionCommand(SessionOp Op, Session Session, long NowUnixMilliseconds) : Command
{
    public override CommandType Type => CommandType.Session;
}
