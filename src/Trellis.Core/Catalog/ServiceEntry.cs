namespace Trellis.Core.Catalog;

/// <summary>One instance as <c>/v1/health/service/:service</c> returns it: its node, the service and every check that applies.</summary>
public sealed record ServiceEntry
{
    public required CatalogNode Node { get; init; }

    public required NodeService Service { get; init; }

    public IReadOnlyList<HealthCheck> Checks { get; init; } = [];
}
