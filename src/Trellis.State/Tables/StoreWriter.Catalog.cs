using System.Collections.Immutable;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.State.Tables;

/// <summary>
/// The catalog tables (nodes, services, checks) with Consul's register/deregister semantics. A failed registration
/// returns Consul's error text and the caller discards the writer, so a request is applied whole or not at all.
/// </summary>
internal sealed partial class StoreWriter
{
    public ImmutableSortedDictionary<string, CatalogNode> Nodes { get; private set; }

    public ImmutableDictionary<string, string> NodeIds { get; private set; }

    public ImmutableDictionary<string, ImmutableSortedDictionary<string, NodeService>> Services { get; private set; }

    public ImmutableSortedDictionary<string, ImmutableSortedSet<ServiceKey>> ServiceInstances { get; private set; }

    public ImmutableDictionary<string, ImmutableSortedDictionary<string, HealthCheck>> Checks { get; private set; }

    public ImmutableDictionary<string, ulong> ServiceIndexes { get; private set; }

    public ulong NodesIndex { get; private set; }

    public ulong ServicesIndex { get; private set; }

    public ulong ChecksIndex { get; private set; }

    private static ImmutableSortedDictionary<string, NodeService> NoServices => ImmutableSortedDictionary.Create<string, NodeService>(CatalogKey.Comparer);

    private static ImmutableSortedDictionary<string, HealthCheck> NoChecks => ImmutableSortedDictionary.Create<string, HealthCheck>(CatalogKey.Comparer);

    /// <summary>
    /// Consul's ensureRegistration: the node (unless <see cref="RegisterRequest.SkipNodeUpdate"/>), then the service,
    /// then every check. Returns null, or Consul's error text (the writer must then be discarded).
    /// Expects the request prepared by the endpoint (service ID defaulted, check nodes and IDs filled).
    /// </summary>
    public string? CatalogRegister(RegisterRequest request, long nowUnixMilliseconds)
    {
        if (!request.SkipNodeUpdate)
        {
            var error = EnsureNode(new CatalogNode
            {
                ID = request.ID ?? "",
                Node = request.Node,
                Address = request.Address ?? "",
                Datacenter = request.Datacenter ?? "",
                TaggedAddresses = request.TaggedAddresses,
                Meta = request.NodeMeta,
            }, nowUnixMilliseconds);
            if (error is not null)
            {
                return "failed inserting node: " + error;
            }
        }

        if (request.Service is { } service)
        {
            var error = EnsureService(request.Node, service);
            if (error is not null)
            {
                return "failed inserting service: " + error;
            }
        }

        IEnumerable<HealthCheck> checks = request.Checks ?? [];
        if (request.Check is { } single)
        {
            checks = checks.Prepend(single);
        }

        foreach (var check in checks)
        {
            if (check is null)
            {
                continue;
            }

            if (!CatalogKey.Comparer.Equals(check.Node, request.Node))
            {
                return $"failed inserting check: check node \"{check.Node}\" does not match node \"{request.Node}\"";
            }

            var error = EnsureCheck(check, nowUnixMilliseconds);
            if (error is not null)
            {
                return "failed inserting check: " + error;
            }
        }

        return null;
    }

    /// <summary>
    /// Consul's applyDeregister: a service (and its checks) when <see cref="DeregisterRequest.ServiceID"/> is set, else
    /// a check when <see cref="DeregisterRequest.CheckID"/> is set, else the node with everything on it. Unknown ones are no-ops.
    /// </summary>
    public void CatalogDeregister(DeregisterRequest request, long nowUnixMilliseconds)
    {
        if (!string.IsNullOrEmpty(request.ServiceID))
        {
            DeleteService(request.Node, request.ServiceID, nowUnixMilliseconds);
        }
        else if (!string.IsNullOrEmpty(request.CheckID))
        {
            DeleteCheck(request.Node, request.CheckID, nowUnixMilliseconds);
        }
        else
        {
            DeleteNode(request.Node, nowUnixMilliseconds);
        }
    }

    private string? EnsureNode(CatalogNode node, long now)
    {
        Nodes.TryGetValue(node.Node, out var existing);
        if (node.ID.Length > 0 && NodeIds.TryGetValue(node.ID, out var owner) && !CatalogKey.Comparer.Equals(owner, node.Node))
        {
            // Consul compat: a known node ID under a new name renames the node; the old name goes with its services and checks.
            DeleteNode(owner, now);
        }

        if (existing is not null && SameNode(existing, node))
        {
            return null;
        }

        if (existing is not null && existing.ID.Length > 0 && !string.Equals(existing.ID, node.ID, StringComparison.OrdinalIgnoreCase))
        {
            NodeIds = NodeIds.Remove(existing.ID);
        }

        var stored = node with { CreateIndex = existing?.CreateIndex ?? Index, ModifyIndex = Index };
        Nodes = Nodes.SetItem(stored.Node, stored);
        if (stored.ID.Length > 0)
        {
            NodeIds = NodeIds.SetItem(stored.ID, stored.Node);
        }

        NodesIndex = Math.Max(NodesIndex, Index);
        Changes.Tables.Add(NodesTable);
        TouchNode(stored.Node, servicesToo: true);
        return null;
    }

    private string? EnsureService(string nodeName, NodeService service)
    {
        if (!Nodes.TryGetValue(nodeName, out var node))
        {
            return "Missing node registration";
        }

        var onNode = Services.TryGetValue(node.Node, out var s) ? s : NoServices;
        onNode.TryGetValue(service.ID, out var existing);
        if (existing is not null && SameService(existing, service))
        {
            return null;
        }

        var stored = service with { CreateIndex = existing?.CreateIndex ?? Index, ModifyIndex = Index };
        Services = Services.SetItem(node.Node, onNode.SetItem(stored.ID, stored));
        var key = new ServiceKey(node.Node, stored.ID);
        if (existing is not null && !CatalogKey.Comparer.Equals(existing.Service, stored.Service))
        {
            RemoveInstance(existing.Service, key);
            TouchService(existing);
        }

        var instances = ServiceInstances.TryGetValue(stored.Service, out var set) ? set : ImmutableSortedSet.Create(ServiceKey.Order);
        ServiceInstances = ServiceInstances.SetItem(stored.Service, instances.Add(key));
        ServicesIndex = Math.Max(ServicesIndex, Index);
        Changes.Tables.Add(ServicesTable);
        Changes.Nodes.Add(CatalogKey.Normalize(node.Node));
        TouchService(stored);

        // Checks bound to the service carry its name and tags.
        if (Checks.TryGetValue(node.Node, out var checks))
        {
            var updated = checks;
            foreach (var check in checks.Values)
            {
                if (CatalogKey.Comparer.Equals(check.ServiceID, stored.ID))
                {
                    updated = updated.SetItem(check.CheckID, check with { ServiceName = stored.Service, ServiceTags = stored.Tags ?? [] });
                }
            }

            if (!ReferenceEquals(updated, checks))
            {
                Checks = Checks.SetItem(node.Node, updated);
                ChecksIndex = Math.Max(ChecksIndex, Index);
                Changes.Tables.Add(ChecksTable);
            }
        }

        return null;
    }

    private string? EnsureCheck(HealthCheck check, long now)
    {
        if (!Nodes.TryGetValue(check.Node, out var node))
        {
            return "Missing node registration";
        }

        check = check with
        {
            Node = node.Node,
            Status = string.IsNullOrEmpty(check.Status) ? HealthStatus.Critical : check.Status,
        };
        if (check.ServiceID.Length > 0)
        {
            if (!Services.TryGetValue(node.Node, out var services) || !services.TryGetValue(check.ServiceID, out var service))
            {
                return "Missing service registration";
            }

            check = check with { ServiceID = service.ID, ServiceName = service.Service, ServiceTags = service.Tags ?? [] };
        }
        else
        {
            check = check with { ServiceName = "", ServiceTags = [] };
        }

        var onNode = Checks.TryGetValue(node.Node, out var c) ? c : NoChecks;
        onNode.TryGetValue(check.CheckID, out var existing);
        if (existing is not null && SameCheck(existing, check))
        {
            return null;
        }

        var stored = check with { CreateIndex = existing?.CreateIndex ?? Index, ModifyIndex = Index };
        Checks = Checks.SetItem(node.Node, onNode.SetItem(stored.CheckID, stored));
        ChecksIndex = Math.Max(ChecksIndex, Index);
        Changes.Tables.Add(ChecksTable);
        TouchCheck(stored);

        // Consul compat: a check turning critical invalidates the sessions that depend on it.
        if (stored.Status == HealthStatus.Critical)
        {
            InvalidateSessionsOfCheck(stored, now);
        }

        return null;
    }

    private void DeleteNode(string nodeName, long now)
    {
        if (!Nodes.TryGetValue(nodeName, out var node))
        {
            return;
        }

        if (Services.TryGetValue(node.Node, out var services))
        {
            foreach (var id in services.Keys.ToList())
            {
                DeleteService(node.Node, id, now);
            }
        }

        if (Checks.TryGetValue(node.Node, out var checks))
        {
            foreach (var id in checks.Keys.ToList())
            {
                DeleteCheck(node.Node, id, now);
            }
        }

        Nodes = Nodes.Remove(node.Node);
        if (node.ID.Length > 0 && NodeIds.TryGetValue(node.ID, out var owner) && CatalogKey.Comparer.Equals(owner, node.Node))
        {
            NodeIds = NodeIds.Remove(node.ID);
        }

        NodesIndex = Math.Max(NodesIndex, Index);
        Changes.Tables.Add(NodesTable);
        Changes.Nodes.Add(CatalogKey.Normalize(node.Node));

        // Consul compat: deregistering a node invalidates all of its sessions.
        if (SessionsByNode.TryGetValue(node.Node, out var sessions))
        {
            foreach (var id in sessions.ToList())
            {
                SessionDestroy(id, now);
            }
        }
    }

    private void DeleteService(string nodeName, string serviceId, long now)
    {
        if (!Services.TryGetValue(nodeName, out var services) || !services.TryGetValue(serviceId, out var service))
        {
            return;
        }

        var node = Nodes.TryGetValue(nodeName, out var n) ? n.Node : nodeName;
        if (Checks.TryGetValue(node, out var checks))
        {
            foreach (var check in checks.Values.Where(c => CatalogKey.Comparer.Equals(c.ServiceID, service.ID)).ToList())
            {
                DeleteCheck(node, check.CheckID, now);
            }
        }

        services = services.Remove(service.ID);
        Services = services.IsEmpty ? Services.Remove(node) : Services.SetItem(node, services);
        RemoveInstance(service.Service, new ServiceKey(node, service.ID));
        ServicesIndex = Math.Max(ServicesIndex, Index);
        Changes.Tables.Add(ServicesTable);
        Changes.Nodes.Add(CatalogKey.Normalize(node));
        TouchService(service);
    }

    private void DeleteCheck(string nodeName, string checkId, long now)
    {
        if (!Checks.TryGetValue(nodeName, out var checks) || !checks.TryGetValue(checkId, out var check))
        {
            return;
        }

        checks = checks.Remove(check.CheckID);
        Checks = checks.IsEmpty ? Checks.Remove(check.Node) : Checks.SetItem(check.Node, checks);
        ChecksIndex = Math.Max(ChecksIndex, Index);
        Changes.Tables.Add(ChecksTable);
        TouchCheck(check);

        // Consul compat: sessions depending on a deleted check are invalidated.
        InvalidateSessionsOfCheck(check, now);
    }

    private void InvalidateSessionsOfCheck(HealthCheck check, long now)
    {
        if (!SessionsByNode.TryGetValue(check.Node, out var ids))
        {
            return;
        }

        foreach (var id in ids.ToList())
        {
            var session = Sessions[id];
            var bound = check.ServiceID.Length == 0
                ? session.NodeChecks?.Contains(check.CheckID, CatalogKey.Comparer) == true
                : session.ServiceChecks?.Contains(check.CheckID, CatalogKey.Comparer) == true
                    || session.NodeChecks?.Contains(check.CheckID, CatalogKey.Comparer) == true;
            if (bound)
            {
                SessionDestroy(id, now);
            }
        }
    }

    private void RemoveInstance(string serviceName, ServiceKey key)
    {
        if (!ServiceInstances.TryGetValue(serviceName, out var set))
        {
            return;
        }

        set = set.Remove(key);
        ServiceInstances = set.IsEmpty ? ServiceInstances.Remove(serviceName) : ServiceInstances.SetItem(serviceName, set);
    }

    /// <summary>Records that a node changed; with <paramref name="servicesToo"/> every service on it changed view too.</summary>
    private void TouchNode(string node, bool servicesToo)
    {
        Changes.Nodes.Add(CatalogKey.Normalize(node));
        if (servicesToo && Services.TryGetValue(node, out var services))
        {
            foreach (var service in services.Values)
            {
                TouchService(service);
            }
        }
    }

    /// <summary>Bumps the per-service index of a service's name (and of the service a proxy fronts) and records the change.</summary>
    private void TouchService(NodeService service)
    {
        TouchServiceName(service.Service);
        if (service.Kind == ServiceKinds.ConnectProxy && service.Proxy?.DestinationServiceName is { Length: > 0 } destination)
        {
            TouchServiceName(destination);
        }
    }

    private void TouchServiceName(string name)
    {
        Changes.Services.Add(CatalogKey.Normalize(name));
        ServiceIndexes = ServiceInstances.ContainsKey(name) || HasConnectInstances(name)
            ? ServiceIndexes.SetItem(name, Index)
            : ServiceIndexes.Remove(name);
    }

    /// <summary>Whether a proxy still fronts <paramref name="name"/> (keeps its index alive without own instances).</summary>
    private bool HasConnectInstances(string name) =>
        Services.Values.Any(s => s.Values.Any(v => v.Kind == ServiceKinds.ConnectProxy
            && CatalogKey.Comparer.Equals(v.Proxy?.DestinationServiceName ?? "", name)));

    private void TouchCheck(HealthCheck check)
    {
        Changes.Nodes.Add(CatalogKey.Normalize(check.Node));
        if (check.ServiceID.Length > 0)
        {
            if (Services.TryGetValue(check.Node, out var services) && services.TryGetValue(check.ServiceID, out var service))
            {
                TouchService(service);
            }
            else
            {
                TouchServiceName(check.ServiceName);
            }
        }
        else
        {
            // A node check is part of every health entry of every service on the node.
            TouchNode(check.Node, servicesToo: true);
        }
    }

    private static bool SameNode(CatalogNode a, CatalogNode b) =>
        a.ID == b.ID && a.Node == b.Node && a.Address == b.Address && a.Datacenter == b.Datacenter
        && SameMap(a.TaggedAddresses, b.TaggedAddresses) && SameMap(a.Meta, b.Meta);

    private static bool SameService(NodeService a, NodeService b) =>
        a with { CreateIndex = 0, ModifyIndex = 0, Tags = null, Meta = null, TaggedAddresses = null }
            == b with { CreateIndex = 0, ModifyIndex = 0, Tags = null, Meta = null, TaggedAddresses = null }
        && (a.Tags ?? []).SequenceEqual(b.Tags ?? [], StringComparer.Ordinal)
        && SameMap(a.Meta, b.Meta)
        && SameMap(a.TaggedAddresses, b.TaggedAddresses);

    private static bool SameCheck(HealthCheck a, HealthCheck b) =>
        a with { CreateIndex = 0, ModifyIndex = 0, ServiceTags = null, Definition = new() }
            == b with { CreateIndex = 0, ModifyIndex = 0, ServiceTags = null, Definition = new() }
        && (a.ServiceTags ?? []).SequenceEqual(b.ServiceTags ?? [], StringComparer.Ordinal)
        && SameDefinition(a.Definition, b.Definition);

    private static bool SameDefinition(HealthCheckDefinition a, HealthCheckDefinition b) =>
        a with { Header = null } == b with { Header = null }
        && (a.Header?.Count ?? 0) == (b.Header?.Count ?? 0)
        && (a.Header is null || a.Header.All(kv => b.Header!.TryGetValue(kv.Key, out var v) && v.SequenceEqual(kv.Value, StringComparer.Ordinal)));

    private static bool SameMap<TValue>(IReadOnlyDictionary<string, TValue>? a, IReadOnlyDictionary<string, TValue>? b)
    {
        var ca = a?.Count ?? 0;
        var cb = b?.Count ?? 0;
        if (ca != cb)
        {
            return false;
        }

        return ca == 0 || a!.All(kv => b!.TryGetValue(kv.Key, out var v) && EqualityComparer<TValue>.Default.Equals(v, kv.Value));
    }
}
