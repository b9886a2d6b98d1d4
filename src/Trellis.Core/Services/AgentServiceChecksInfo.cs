using Trellis.Core.Catalog;

namespace Trellis.Core.Services;

/// <summary>
/// One answer of <c>/v1/agent/health/service/id/:id</c> (and an element of <c>/name/:name</c>): the aggregated
/// status of a local service's checks, the service and the checks (Consul's <c>api.AgentServiceChecksInfo</c>).
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record AgentServiceChecksInfo
{
    /// <summary>passing, warning, critical or maintenance.</summary>
    public string AggregatedStatus { get; init; } = "";

    public AgentService? Service { get; init; }

    public IReadOnlyList<HealthCheck>? Checks { get; init; }
}
