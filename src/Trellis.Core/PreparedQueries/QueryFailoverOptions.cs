namespace Trellis.Core.PreparedQueries;

/// <summary>
/// Consul's <c>QueryFailoverOptions</c>: where to look when no healthy instance is local. Trellis runs one datacenter,
/// so the fields are stored and returned but failover never happens (<c>Failovers</c> is always 0).
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record QueryFailoverOptions
{
    public int NearestN { get; init; }

    public IReadOnlyList<string>? Datacenters { get; init; }

    public IReadOnlyList<QueryFailoverTarget>? Targets { get; init; }
}
