namespace Trellis.Core.Catalog;

/// <summary>A node with its services and checks, as the catalog holds them (what anti-entropy compares with local state).</summary>
public sealed record NodeServices
{
    public required CatalogNode Node { get; init; }

    public IReadOnlyList<NodeService> Services { get; init; } = [];

    public IReadOnlyList<HealthCheck> Checks { get; init; } = [];
}
