namespace Trellis.Core.Queries;

/// <summary>Consul's read consistency modes.</summary>
public enum ConsistencyMode
{
    /// <summary>Served by the leader without a round trip to confirm leadership.</summary>
    Default = 0,

    /// <summary>Served by any server, possibly stale; <c>X-Consul-LastContact</c> says how stale.</summary>
    Stale = 1,

    /// <summary>The leader confirms it is still leader with a quorum before answering.</summary>
    Consistent = 2,
}
