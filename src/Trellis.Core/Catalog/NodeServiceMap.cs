namespace Trellis.Core.Catalog;

/// <summary><c>/v1/catalog/node/:node</c> (Consul's <c>NodeServices</c> on the wire): the node and its services by ID.</summary>
public sealed record NodeServiceMap
{
    public required CatalogNode Node { get; init; }

    public IReadOnlyDictionary<string, NodeService> Services { get; init; } = new Dictionary<string, NodeService>();

    public static NodeServiceMap From(NodeServices services) => new()
    {
        Node = services.Node,
        Services = services.Services.ToDictionary(s => s.ID, StringComparer.Ordinal),
    };
}
