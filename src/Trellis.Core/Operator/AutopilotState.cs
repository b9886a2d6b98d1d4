using System.Text.Json.Serialization;

namespace Trellis.Core.Operator;

/// <summary>The body of <c>/v1/operator/autopilot/state</c> (Consul's <c>AutopilotState</c>, without the Enterprise parts).</summary>
public sealed record AutopilotState
{
    public bool Healthy { get; init; }

    public int FailureTolerance { get; init; }

    /// <summary>Without redundancy zones, the same as <see cref="FailureTolerance"/>.</summary>
    public int OptimisticFailureTolerance { get; init; }

    /// <summary>Every server by its ID.</summary>
    public IReadOnlyDictionary<string, AutopilotServerState> Servers { get; init; } = new Dictionary<string, AutopilotServerState>();

    /// <summary>The leader's server ID ("" when there is none).</summary>
    public string Leader { get; init; } = "";

    /// <summary>The IDs of the voting servers.</summary>
    public IReadOnlyList<string> Voters { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReadReplicas { get; init; }
}

/// <summary>One server of <see cref="AutopilotState"/>, Consul's field names.</summary>
public sealed record AutopilotServerState
{
    public required string ID { get; init; }

    public required string Name { get; init; }

    public required string Address { get; init; }

    /// <summary>The server's gossip status ("alive"…).</summary>
    public string NodeStatus { get; init; } = "alive";

    public string Version { get; init; } = "";

    /// <summary>Go duration string ("0s" on the leader).</summary>
    public string LastContact { get; init; } = "0s";

    public ulong LastTerm { get; init; }

    public ulong LastIndex { get; init; }

    public bool Healthy { get; init; }

    public DateTime StableSince { get; init; }

    /// <summary>"leader", "voter", "non-voter" or "staging".</summary>
    public string Status { get; init; } = "voter";

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    /// <summary>"voter" in the open-source edition (every server should vote).</summary>
    public string NodeType { get; init; } = "voter";
}
