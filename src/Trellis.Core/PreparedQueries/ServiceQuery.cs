namespace Trellis.Core.PreparedQueries;

/// <summary>Consul's <c>ServiceQuery</c>: which healthy instances of which service a prepared query returns.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record ServiceQuery
{
    public string Service { get; init; } = "";

    /// <summary>Sameness group to fail over through (an Enterprise feature: stored, never used).</summary>
    public string SamenessGroup { get; init; } = "";

    public QueryFailoverOptions Failover { get; init; } = new();

    /// <summary>Drop instances with a warning check too (critical ones are always dropped).</summary>
    public bool OnlyPassing { get; init; }

    /// <summary>Checks not considered when deciding health.</summary>
    public IReadOnlyList<string>? IgnoreCheckIDs { get; init; }

    /// <summary>Prefer this node (<c>_agent</c>: the agent that runs the query): it is moved to the front.</summary>
    public string Near { get; init; } = "";

    /// <summary>Required tags; a tag starting with <c>!</c> must be absent. Case-insensitive.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyDictionary<string, string>? NodeMeta { get; init; }

    public IReadOnlyDictionary<string, string>? ServiceMeta { get; init; }

    /// <summary>Return Connect-capable endpoints (proxies and native services) instead of the service itself.</summary>
    public bool Connect { get; init; }

    /// <summary>Cluster peer to query (accepted; peering is not supported, so it must be empty to match anything).</summary>
    public string Peer { get; init; } = "";
}
