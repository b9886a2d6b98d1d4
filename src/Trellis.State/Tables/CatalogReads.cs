using Trellis.Core.Catalog;

namespace Trellis.State.Tables;

/// <summary>Catalog lookups over one root shared by the snapshot reads and the watch check.</summary>
/// <remarks>Stateless; roots are immutable, so any thread may call it.</remarks>
internal static class CatalogReads
{
    /// <summary>Whether a node's record, services or checks differ between two roots (by identity).</summary>
    public static bool NodeChanged(StoreRoot before, StoreRoot now, string node) =>
        !ReferenceEquals(before.Nodes.GetValueOrDefault(node), now.Nodes.GetValueOrDefault(node))
        || !ReferenceEquals(before.Services.GetValueOrDefault(node), now.Services.GetValueOrDefault(node))
        || !ReferenceEquals(before.Checks.GetValueOrDefault(node), now.Checks.GetValueOrDefault(node));

    /// <summary>
    /// The instances of <paramref name="service"/> (or, with <paramref name="connect"/>, its proxies and native
    /// instances) with their nodes, in Consul's order: by node, then service ID.
    /// </summary>
    public static List<(CatalogNode Node, NodeService Service)> Instances(StoreRoot root, string service, bool connect)
    {
        var result = new List<(CatalogNode, NodeService)>();
        if (!connect)
        {
            if (root.ServiceInstances.TryGetValue(service, out var keys))
            {
                foreach (var key in keys)
                {
                    result.Add((root.Nodes[key.Node], root.Services[key.Node][key.ID]));
                }
            }

            return result;
        }

        var found = new SortedDictionary<ServiceKey, (CatalogNode, NodeService)>();
        foreach (var (nodeName, services) in root.Services)
        {
            foreach (var s in services.Values)
            {
                var proxy = s.Kind == ServiceKinds.ConnectProxy && CatalogKey.Comparer.Equals(s.Proxy?.DestinationServiceName ?? "", service);
                var native = s.Connect?.Native == true && CatalogKey.Comparer.Equals(s.Service, service);
                if (proxy || native)
                {
                    var node = root.Nodes[nodeName];
                    found[new ServiceKey(node.Node, s.ID)] = (node, s);
                }
            }
        }

        result.AddRange(found.Values);
        return result;
    }

    /// <summary>The checks of a node, by check ID.</summary>
    public static IEnumerable<HealthCheck> NodeChecks(StoreRoot root, string node) =>
        root.Checks.TryGetValue(node, out var checks) ? checks.Values : [];

    /// <summary>Every check of every node, by node then check ID.</summary>
    public static IEnumerable<HealthCheck> AllChecks(StoreRoot root) =>
        root.Nodes.Keys.SelectMany(n => NodeChecks(root, n));

    /// <summary>Consul's index of a service query: the service's own index, else the max of the given tables.</summary>
    public static ulong ServiceIndex(StoreRoot root, string service, bool withChecks) =>
        root.ServiceIndexes.TryGetValue(service, out var index)
            ? index
            : withChecks ? Math.Max(root.ServicesIndex, root.ChecksIndex) : root.ServicesIndex;
}
