namespace Trellis.Core.Catalog;

/// <summary>
/// One node as <c>/v1/internal/ui/nodes</c> lists it (Consul's <c>structs.NodeInfo</c>, the rows of
/// <c>Internal.NodeDump</c>): the node with every service instance on it and every check it holds.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record NodeInfo
{
    public string ID { get; init; } = "";

    public required string Node { get; init; }

    public string Address { get; init; } = "";

    public IReadOnlyDictionary<string, string>? TaggedAddresses { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    /// <summary>The node's service instances, by ID; <c>[]</c> (never null) when it has none.</summary>
    public IReadOnlyList<NodeService> Services { get; init; } = [];

    /// <summary>The node's checks (node and service checks), by check ID; <c>[]</c> (never null) when it has none.</summary>
    public IReadOnlyList<HealthCheck> Checks { get; init; } = [];
}
