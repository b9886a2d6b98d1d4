namespace Trellis.Core.Catalog;

/// <summary>
/// <c>/v1/catalog/node-services/:node</c> (Consul's <c>NodeServiceList</c>): the node, or null when it is not
/// registered, and its services as a list.
/// </summary>
public sealed record NodeServiceList
{
    public CatalogNode? Node { get; init; }

    public IReadOnlyList<NodeService> Services { get; init; } = [];
}
