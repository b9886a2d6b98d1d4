using Trellis.Core.PreparedQueries;

namespace Trellis.State.Commands;

/// <summary>
/// Creates, updates or deletes a prepared query (Consul's <c>PreparedQueryRequestType</c>). The ID is decided by the
/// proposer. Applying it yields null, or Consul's error text (a <see cref="string"/>) with nothing applied.
/// </summary>
public sealed record PreparedQueryCommand(PreparedQueryOp Op, PreparedQuery Query) : Command
{
    public override CommandType Type => CommandType.PreparedQuery;
}
