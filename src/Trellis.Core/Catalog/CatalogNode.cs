namespace Trellis.Core.Catalog;

/// <summary>
/// A node as stored in the catalog and returned by <c>/v1/catalog/nodes</c> (Consul's <c>structs.Node</c>).
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record CatalogNode
{
    /// <summary>The node's UUID; may be empty for nodes registered without one.</summary>
    public string ID { get; init; } = "";

    public required string Node { get; init; }

    public string Address { get; init; } = "";

    public string Datacenter { get; init; } = "";

    /// <summary>Addresses by tag such as "lan", "wan", "lan_ipv4".</summary>
    public IReadOnlyDictionary<string, string>? TaggedAddresses { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
