namespace Trellis.Api.Operator;

/// <summary>One server of <c>/v1/operator/autopilot/health</c> (the fields the CLI uses).</summary>
public sealed record AutopilotServerHealth
{
    public string ID { get; init; } = "";

    public string Name { get; init; } = "";

    public string Address { get; init; } = "";

    public bool Healthy { get; init; }

    public bool Leader { get; init; }

    public bool Voter { get; init; }

    public ulong LastIndex { get; init; }

    public ulong LastTerm { get; init; }
}
