namespace Trellis.Api.Operator;

/// <summary>The body of <c>/v1/operator/autopilot/health</c> (the fields the CLI uses).</summary>
public sealed record AutopilotHealth
{
    public bool Healthy { get; init; }

    public int FailureTolerance { get; init; }

    public IReadOnlyList<AutopilotServerHealth> Servers { get; init; } = [];
}
