using Trellis.Core.Catalog;

namespace Trellis.Api.Agent;

/// <summary>
/// One local service instance with its checks and their aggregated status, as
/// <c>/v1/agent/health/service/name/:name</c> and <c>/v1/agent/health/service/id/:id</c> return it.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record AgentServiceChecksInfo
{
    /// <summary>"passing", "warning", "critical" or "maintenance".</summary>
    public string AggregatedStatus { get; init; } = "";

    public NodeService? Service { get; init; }

    public IReadOnlyList<HealthCheck> Checks { get; init; } = [];
}
