namespace Trellis.Api.Agent;

/// <summary>The body of <c>PUT /v1/agent/check/update/:check_id</c>: a TTL check's new status and output.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record CheckUpdateRequest
{
    /// <summary>"passing", "warning" or "critical".</summary>
    public required string Status { get; init; }

    public string? Output { get; init; }
}
