using Trellis.Core.Catalog;

namespace Trellis.Cli.Commands.Catalog;

/// <summary>
/// The rows <c>catalog nodes</c> prints: Node, ID (first group of the UUID unless detailed), Address, DC, and with
/// -detailed TaggedAddresses and Meta as sorted <c>k=v</c> lists joined by ", ".
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class CatalogTable
{
    public static IReadOnlyList<IReadOnlyList<string>> NodeRows(IEnumerable<CatalogNode> nodes, bool detailed)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            detailed ? ["Node", "ID", "Address", "DC", "TaggedAddresses", "Meta"] : ["Node", "ID", "Address", "DC"],
        };
        foreach (var node in nodes)
        {
            if (detailed)
            {
                rows.Add([node.Node, node.ID, node.Address, node.Datacenter, Pairs(node.TaggedAddresses), Pairs(node.Meta)]);
            }
            else
            {
                var dash = node.ID.IndexOf('-', StringComparison.Ordinal);
                rows.Add([node.Node, dash > 0 ? node.ID[..dash] : node.ID, node.Address, node.Datacenter]);
            }
        }

        return rows;
    }

    /// <summary>A map as "k=v" pairs sorted by key (ordinal, as Go's sort.Strings), joined by ", ".</summary>
    public static string Pairs(IReadOnlyDictionary<string, string>? map) =>
        map is null ? "" : string.Join(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}
