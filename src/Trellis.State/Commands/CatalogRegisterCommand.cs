using Trellis.Core.Catalog;

namespace Trellis.State.Commands;

/// <summary>
/// Registers a node, optionally a service and checks, atomically (Consul's <c>RegisterRequestType</c>).
/// <see cref="NowUnixMilliseconds"/> is the proposer's clock, used for the lock delay of sessions a critical check
/// invalidates. Applying it yields null, or Consul's error text with nothing applied.
/// </summary>
public sealed record CatalogRegisterCommand(RegisterRequest Request, long NowUnixMilliseconds) : Command
{
    public override CommandType Type => CommandType.CatalogRegister;
}
