using Trellis.Core.Txn;

namespace Trellis.State.Commands;

/// <summary>
/// An atomic transaction. Applying it yields a <see cref="TxnResponse"/>: every result, or the errors with nothing applied.
/// </summary>
public sealed record TxnCommand(IReadOnlyList<TxnOp> Operations, long NowUnixMilliseconds) : Command
{
    public override CommandType Type => CommandType.Txn;
}
