using Trellis.Core.Catalog;
using Trellis.State.Tables;
using Trellis.State.Watches;

namespace Trellis.State;

/// <summary>Catalog and health reads, with Consul's result indexes and orderings.</summary>
public sealed partial class StoreSnapshot
{
    /// <summary>A node by name (case-insensitive), or null.</summary>
    public CatalogNode? CatalogNode(string node) => Root.Nodes.GetValueOrDefault(node);

    /// <summary>Every node by name; the nodes table index.</summary>
    public (IReadOnlyList<CatalogNode> Nodes, ulong Index) CatalogNodes(WatchSet? watch = null)
    {
        watch?.AddTable(StoreWriter.NodesTable);
        return ([.. Root.Nodes.Values], Root.NodesIndex);
    }

    /// <summary>
    /// Every service instance with its node, by service name then node then ID (for <c>/v1/catalog/services</c>);
    /// the max of the services and nodes table indexes.
    /// </summary>
    public (IReadOnlyList<(CatalogNode Node, NodeService Service)> Instances, ulong Index) CatalogAllInstances(WatchSet? watch = null)
    {
        watch?.AddTable(StoreWriter.ServicesTable);
        watch?.AddTable(StoreWriter.NodesTable);
        var result = new List<(CatalogNode, NodeService)>();
        foreach (var (_, keys) in Root.ServiceInstances)
        {
            foreach (var key in keys)
            {
                result.Add((Root.Nodes[key.Node], Root.Services[key.Node][key.ID]));
            }
        }

        return (result, Root.ServicesIndex);
    }

    /// <summary>
    /// The instances of <paramref name="service"/> (or its Connect-capable ones) with their nodes, by node then ID.
    /// The index is the service's own, else the services table index.
    /// </summary>
    public (IReadOnlyList<(CatalogNode Node, NodeService Service)> Instances, ulong Index) CatalogServiceInstances(
        string service, bool connect, WatchSet? watch = null)
    {
        watch?.AddService(service);
        return (CatalogReads.Instances(Root, service, connect), CatalogReads.ServiceIndex(Root, service, withChecks: false));
    }

    /// <summary>A node with its services and checks, or null; the max of the nodes and services table indexes.</summary>
    public (NodeServices? Node, ulong Index) CatalogNodeServices(string node, WatchSet? watch = null)
    {
        watch?.AddNode(node);
        var index = Math.Max(Root.NodesIndex, Root.ServicesIndex);
        if (!Root.Nodes.TryGetValue(node, out var n))
        {
            return (null, index);
        }

        var services = Root.Services.TryGetValue(n.Node, out var s) ? s.Values.ToList() : [];
        return (new NodeServices { Node = n, Services = services, Checks = [.. CatalogReads.NodeChecks(Root, n.Node)] }, index);
    }

    /// <summary>Every check of <paramref name="node"/> by check ID; the checks table index.</summary>
    public (IReadOnlyList<HealthCheck> Checks, ulong Index) HealthNodeChecks(string node, WatchSet? watch = null)
    {
        watch?.AddNode(node);
        return ([.. CatalogReads.NodeChecks(Root, node)], Root.ChecksIndex);
    }

    /// <summary>Every check bound to an instance of <paramref name="service"/>, by node then check ID; the checks table index.</summary>
    public (IReadOnlyList<HealthCheck> Checks, ulong Index) HealthServiceChecks(string service, WatchSet? watch = null)
    {
        watch?.AddService(service);
        var result = new List<HealthCheck>();
        foreach (var (node, instance) in CatalogReads.Instances(Root, service, connect: false))
        {
            result.AddRange(CatalogReads.NodeChecks(Root, node.Node).Where(c => CatalogKey.Comparer.Equals(c.ServiceID, instance.ID)));
        }

        result.Sort((a, b) =>
        {
            var byNode = CatalogKey.Comparer.Compare(a.Node, b.Node);
            return byNode != 0 ? byNode : CatalogKey.Comparer.Compare(a.CheckID, b.CheckID);
        });
        return (result, Root.ChecksIndex);
    }

    /// <summary>
    /// The health entries of <paramref name="service"/> (or its Connect-capable instances): node, service and the node's
    /// checks followed by the instance's own. The index is the service's own, else max(services, checks).
    /// </summary>
    public (IReadOnlyList<ServiceEntry> Entries, ulong Index) HealthServiceNodes(string service, bool connect, WatchSet? watch = null)
    {
        watch?.AddService(service);
        var instances = CatalogReads.Instances(Root, service, connect);
        var entries = new List<ServiceEntry>(instances.Count);
        foreach (var (node, instance) in instances)
        {
            var all = CatalogReads.NodeChecks(Root, node.Node).ToList();
            var checks = all.Where(c => c.ServiceID.Length == 0)
                .Concat(all.Where(c => CatalogKey.Comparer.Equals(c.ServiceID, instance.ID)))
                .ToList();
            entries.Add(new ServiceEntry { Node = node, Service = instance, Checks = checks });
        }

        return (entries, CatalogReads.ServiceIndex(Root, service, withChecks: true));
    }

    /// <summary>Every check in <paramref name="state"/> ("any" for all), by node then check ID; the checks table index.</summary>
    public (IReadOnlyList<HealthCheck> Checks, ulong Index) HealthChecksInState(string state, WatchSet? watch = null)
    {
        watch?.AddTable(StoreWriter.ChecksTable);
        var all = CatalogReads.AllChecks(Root);
        IReadOnlyList<HealthCheck> checks = state == Core.Checks.HealthStatus.Any ? [.. all] : [.. all.Where(c => c.Status == state)];
        return (checks, Root.ChecksIndex);
    }
}
