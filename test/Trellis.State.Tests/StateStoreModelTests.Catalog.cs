using FsCheck;
using FsCheck.Fluent;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.State.Commands;

namespace Trellis.State.Tests;

/// <summary>The catalog tables against a plain dictionary model over random register/deregister sequences.</summary>
public partial class StateStoreModelTests
{
    private static readonly string[] CatalogNodes = ["n1", "n2", "N1", "n3"];
    private static readonly string[] ModelServiceNames = ["web", "db"];

    private sealed record ModelService(string Name, int Port);

    private sealed record ModelCheck(string Status, string ServiceId);

    private sealed class CatalogModel
    {
        public Dictionary<string, string> Nodes { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<(string Node, string Id), ModelService> Services { get; } = [];

        public Dictionary<(string Node, string Id), ModelCheck> Checks { get; } = [];

        public CatalogModel Clone()
        {
            var copy = new CatalogModel();
            foreach (var kv in Nodes) copy.Nodes[kv.Key] = kv.Value;
            foreach (var kv in Services) copy.Services[kv.Key] = kv.Value;
            foreach (var kv in Checks) copy.Checks[kv.Key] = kv.Value;
            return copy;
        }
    }

    internal static Gen<Command> CatalogCommandGen =>
        Gen.OneOf(
            from node in Gen.Elements(CatalogNodes)
            from address in Gen.Elements("10.0.0.1", "10.0.0.2")
            from skip in Gen.Elements(false, false, true)
            from service in Gen.Elements<(string Id, string Name, int Port)?>(null, ("web", "web", 80), ("web", "web", 81), ("db", "db", 5432), ("web2", "web", 82))
            from check in Gen.Elements<(string Id, string Status, string ServiceId)?>(null, ("serf", HealthStatus.Passing, ""), ("serf", HealthStatus.Critical, ""),
                ("w", HealthStatus.Warning, "web"), ("d", HealthStatus.Passing, "db"), ("x", HealthStatus.Passing, "nope"))
            select (Command)new CatalogRegisterCommand(new RegisterRequest
            {
                Node = node,
                Address = address,
                SkipNodeUpdate = skip,
                Service = service is { } s ? new NodeService { ID = s.Id, Service = s.Name, Port = s.Port, Tags = [] } : null,
                Checks = check is { } c ? [new HealthCheck { Node = node, CheckID = c.Id, Name = c.Id, Status = c.Status, ServiceID = c.ServiceId }] : [],
            }, 0),
            from node in Gen.Elements(CatalogNodes)
            from target in Gen.Elements<(string? Service, string? Check)>((null, null), ("web", null), ("db", null), (null, "serf"), (null, "w"))
            select (Command)new CatalogDeregisterCommand(new DeregisterRequest { Node = node, ServiceID = target.Service, CheckID = target.Check }, 0));

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Catalog_MatchesDictionaryModel() =>
        Prop.ForAll(Gen.Choose(1, 40).SelectMany(n => CatalogCommandGen.ListOf(n)).ToArbitrary(), commands =>
        {
            var store = new StateStore();
            var model = new CatalogModel();
            ulong idx = 0;
            foreach (var command in commands)
            {
                idx++;
                var expectedError = ModelApply(ref model, command);
                var result = store.Apply(command, idx);
                if (expectedError != (result is string))
                {
                    return false.Label($"error at {idx}: model {expectedError}, store {result}");
                }
            }

            var s = store.Snapshot();
            var nodes = s.CatalogNodes().Nodes.ToDictionary(n => n.Node, n => n.Address, StringComparer.OrdinalIgnoreCase);
            if (nodes.Count != model.Nodes.Count || nodes.Any(kv => !model.Nodes.TryGetValue(kv.Key, out var a) || a != kv.Value))
            {
                return false.Label("nodes differ");
            }

            foreach (var node in model.Nodes.Keys)
            {
                var ns = s.CatalogNodeServices(node).Node!;
                var services = ns.Services.Select(x => (x.ID, x.Service, x.Port)).OrderBy(x => x.ID).ToList();
                var expected = model.Services.Where(kv => kv.Key.Node.Equals(node, StringComparison.OrdinalIgnoreCase))
                    .Select(kv => (kv.Key.Id, kv.Value.Name, kv.Value.Port)).OrderBy(x => x.Id).ToList();
                if (!services.SequenceEqual(expected))
                {
                    return false.Label($"services of {node} differ");
                }

                var checks = ns.Checks.Select(c => (c.CheckID, c.Status, c.ServiceID)).OrderBy(x => x.CheckID).ToList();
                var expectedChecks = model.Checks.Where(kv => kv.Key.Node.Equals(node, StringComparison.OrdinalIgnoreCase))
                    .Select(kv => (kv.Key.Id, kv.Value.Status, kv.Value.ServiceId)).OrderBy(x => x.Id).ToList();
                if (!checks.SequenceEqual(expectedChecks))
                {
                    return false.Label($"checks of {node} differ");
                }
            }

            foreach (var name in ModelServiceNames)
            {
                var entries = s.HealthServiceNodes(name, false).Entries.Select(e => (e.Node.Node.ToLowerInvariant(), e.Service.ID, e.Checks.Count)).ToList();
                var expected = model.Services.Where(kv => kv.Value.Name == name).OrderBy(kv => kv.Key.Node.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(kv => kv.Key.Id, StringComparer.Ordinal)
                    .Select(kv => (kv.Key.Node.ToLowerInvariant(), kv.Key.Id,
                        model.Checks.Count(c => c.Key.Node.Equals(kv.Key.Node, StringComparison.OrdinalIgnoreCase) && (c.Value.ServiceId.Length == 0 || c.Value.ServiceId == kv.Key.Id))))
                    .ToList();
                if (!entries.SequenceEqual(expected))
                {
                    return false.Label($"health entries of {name} differ");
                }
            }

            return true.ToProperty();
        });

    /// <summary>Applies a catalog command to the model; returns whether it is an error (the model is then unchanged).</summary>
    private static bool ModelApply(ref CatalogModel model, Command command)
    {
        switch (command)
        {
            case CatalogRegisterCommand { Request: var r }:
            {
                var next = model.Clone();
                var node = next.Nodes.Keys.FirstOrDefault(k => k.Equals(r.Node, StringComparison.OrdinalIgnoreCase)) ?? r.Node;
                if (!r.SkipNodeUpdate)
                {
                    if (!next.Nodes.ContainsKey(node))
                    {
                        node = r.Node;
                    }

                    next.Nodes[node] = r.Address;
                }

                if (!next.Nodes.ContainsKey(node) && (r.Service is not null || r.Checks is { Count: > 0 }))
                {
                    return true;
                }

                if (r.Service is { } svc)
                {
                    next.Services[(KeyOf(next, node), svc.ID)] = new ModelService(svc.Service, svc.Port);
                }

                foreach (var check in r.Checks ?? [])
                {
                    if (check.ServiceID.Length > 0 && !next.Services.ContainsKey((KeyOf(next, node), check.ServiceID)))
                    {
                        return true;
                    }

                    next.Checks[(KeyOf(next, node), check.CheckID)] = new ModelCheck(check.Status, check.ServiceID);
                }

                model = next;
                return false;
            }

            case CatalogDeregisterCommand { Request: var d }:
            {
                if (!model.Nodes.ContainsKey(d.Node))
                {
                    return false;
                }

                var node = KeyOf(model, d.Node);
                if (d.ServiceID is { } serviceId)
                {
                    if (model.Services.Remove((node, serviceId)))
                    {
                        foreach (var key in model.Checks.Where(kv => kv.Key.Node == node && kv.Value.ServiceId == serviceId).Select(kv => kv.Key).ToList())
                        {
                            model.Checks.Remove(key);
                        }
                    }
                }
                else if (d.CheckID is { } checkId)
                {
                    model.Checks.Remove((node, checkId));
                }
                else
                {
                    model.Nodes.Remove(node);
                    foreach (var key in model.Services.Keys.Where(k => k.Node == node).ToList()) model.Services.Remove(key);
                    foreach (var key in model.Checks.Keys.Where(k => k.Node == node).ToList()) model.Checks.Remove(key);
                }

                return false;
            }

            default:
                return false;
        }
    }

    /// <summary>The node name as first registered (case-insensitive lookups keep the stored spelling).</summary>
    private static string KeyOf(CatalogModel model, string node) =>
        model.Nodes.Keys.First(k => k.Equals(node, StringComparison.OrdinalIgnoreCase));
}
