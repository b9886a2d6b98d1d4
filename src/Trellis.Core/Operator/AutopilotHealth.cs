namespace Trellis.Core.Operator;

/// <summary>
/// The body of <c>/v1/operator/autopilot/health</c> (Consul's <c>OperatorHealthReply</c>): answered 200 when
/// <see cref="Healthy"/>, 429 when not.
/// </summary>
public sealed record AutopilotHealth
{
    /// <summary>Whether every server is healthy.</summary>
    public bool Healthy { get; init; }

    /// <summary>How many servers could fail without losing quorum.</summary>
    public int FailureTolerance { get; init; }

    public IReadOnlyList<AutopilotServerHealth> Servers { get; init; } = [];
}

/// <summary>One server of <see cref="AutopilotHealth"/>, Consul's field names.</summary>
public sealed record AutopilotServerHealth
{
    /// <summary>The server's Raft ID (its node ID).</summary>
    public required string ID { get; init; }

    public required string Name { get; init; }

    /// <summary>The server's Raft address, host:port.</summary>
    public required string Address { get; init; }

    /// <summary>"alive", "leaving", "left", "failed" or "none" (the server's gossip status).</summary>
    public string SerfStatus { get; init; } = "alive";

    public string Version { get; init; } = "";

    public bool Leader { get; init; }

    /// <summary>Time since the server last heard from the leader, a Go duration string ("0s" on the leader).</summary>
    public string LastContact { get; init; } = "0s";

    public ulong LastTerm { get; init; }

    public ulong LastIndex { get; init; }

    public bool Healthy { get; init; }

    public bool Voter { get; init; }

    /// <summary>When the server entered its current health state (UTC, written as RFC 3339 with "Z").</summary>
    public DateTime StableSince { get; init; }
}
