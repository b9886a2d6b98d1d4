namespace Trellis.Core.Catalog;

/// <summary>
/// The body of <c>PUT /v1/catalog/register</c> (Consul's <c>structs.RegisterRequest</c>): a node, optionally one
/// service on it and checks. Anti-entropy sends the same request for an agent's local state.
/// </summary>
public sealed record RegisterRequest
{
    public string Datacenter { get; init; } = "";

    /// <summary>The node's UUID.</summary>
    public string ID { get; init; } = "";

    public required string Node { get; init; }

    public string Address { get; init; } = "";

    public IReadOnlyDictionary<string, string>? TaggedAddresses { get; init; }

    public IReadOnlyDictionary<string, string>? NodeMeta { get; init; }

    public NodeService? Service { get; init; }

    public HealthCheck? Check { get; init; }

    public IReadOnlyList<HealthCheck>? Checks { get; init; }

    /// <summary>Leave the node's address, tagged addresses and meta as they are.</summary>
    public bool SkipNodeUpdate { get; init; }
}
