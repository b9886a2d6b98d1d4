using Trellis.Core.Services;

namespace Trellis.Api.Agent;

/// <summary>
/// The answer of the agent's local service health endpoints: the aggregated status (from the status code: 200
/// passing, 429 warning, 503 critical; "critical" with no instances when the service is unknown) and the instances.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record AgentServiceHealth(string AggregatedStatus, IReadOnlyList<AgentServiceChecksInfo> Services);
