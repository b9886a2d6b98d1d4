namespace Trellis.Core.Operator;

/// <summary>
/// The cluster's autopilot settings (Consul's <c>AutopilotConfig</c>), as <c>/v1/operator/autopilot/configuration</c>
/// reads and writes them: durations are Go duration strings ("200ms", "10s"). Replicated through Raft; the leader
/// writes the agent's <c>autopilot</c> block when the cluster has none yet.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record AutopilotConfiguration
{
    /// <summary>Remove dead servers automatically (Consul default: true).</summary>
    public bool CleanupDeadServers { get; init; } = true;

    /// <summary>How long a server may go without contact from the leader before it is unhealthy.</summary>
    public string LastContactThreshold { get; init; } = "200ms";

    /// <summary>How many log entries a server may trail the leader by before it is unhealthy.</summary>
    public ulong MaxTrailingLogs { get; init; } = 250;

    /// <summary>The fewest servers before dead ones may be pruned.</summary>
    public uint MinQuorum { get; init; }

    /// <summary>How long a new server must be healthy before it becomes a voter.</summary>
    public string ServerStabilizationTime { get; init; } = "10s";

    public string RedundancyZoneTag { get; init; } = "";

    public bool DisableUpgradeMigration { get; init; }

    public string UpgradeVersionTag { get; init; } = "";

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
