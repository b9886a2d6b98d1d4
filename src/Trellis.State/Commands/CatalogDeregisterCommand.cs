using Trellis.Core.Catalog;

namespace Trellis.State.Commands;

/// <summary>
/// Removes a node (with its services, checks and sessions), a service (with its checks) or a check
/// (Consul's <c>DeregisterRequestType</c>). Applying it yields null; unknown targets are no-ops.
/// </summary>
public sealed record CatalogDeregisterCommand(DeregisterRequest Request, long NowUnixMilliseconds) : Command
{
    public override CommandType Type => CommandType.CatalogDeregister;
}
