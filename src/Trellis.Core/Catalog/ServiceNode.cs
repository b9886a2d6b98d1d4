namespace Trellis.Core.Catalog;

/// <summary>
/// One instance as <c>/v1/catalog/service/:service</c> returns it (Consul's <c>structs.ServiceNode</c>): the node's
/// fields flattened next to the service's, which carry a <c>Service</c> prefix.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record ServiceNode
{
    public string ID { get; init; } = "";

    public required string Node { get; init; }

    public string Address { get; init; } = "";

    public string Datacenter { get; init; } = "";

    public IReadOnlyDictionary<string, string>? TaggedAddresses { get; init; }

    public IReadOnlyDictionary<string, string>? NodeMeta { get; init; }

    public string ServiceKind { get; init; } = "";

    public required string ServiceID { get; init; }

    public required string ServiceName { get; init; }

    public IReadOnlyList<string> ServiceTags { get; init; } = [];

    public string ServiceAddress { get; init; } = "";

    public IReadOnlyDictionary<string, ServiceAddress>? ServiceTaggedAddresses { get; init; }

    public ServiceWeights ServiceWeights { get; init; } = ServiceWeights.Default;

    public IReadOnlyDictionary<string, string>? ServiceMeta { get; init; }

    public int ServicePort { get; init; }

    public string ServiceSocketPath { get; init; } = "";

    public bool ServiceEnableTagOverride { get; init; }

    public ConnectProxyConfig? ServiceProxy { get; init; }

    public ServiceConnect? ServiceConnect { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }

    /// <summary>Flattens a node and one of its services (the indexes are the service's).</summary>
    public static ServiceNode From(CatalogNode node, NodeService service) => new()
    {
        ID = node.ID,
        Node = node.Node,
        Address = node.Address,
        Datacenter = node.Datacenter,
        TaggedAddresses = node.TaggedAddresses,
        NodeMeta = node.Meta,
        ServiceKind = service.Kind,
        ServiceID = service.ID,
        ServiceName = service.Service,
        ServiceTags = service.Tags ?? [],
        ServiceAddress = service.Address,
        ServiceTaggedAddresses = service.TaggedAddresses,
        ServiceWeights = service.Weights,
        ServiceMeta = service.Meta,
        ServicePort = service.Port,
        ServiceEnableTagOverride = service.EnableTagOverride,
        ServiceProxy = service.Proxy,
        ServiceConnect = service.Connect,
        CreateIndex = service.CreateIndex,
        ModifyIndex = service.ModifyIndex,
    };
}
