using System.Globalization;
using Trellis.Core.Catalog;
using Trellis.Core.Txn;
using Trellis.Core.Formats;

namespace Trellis.State.Tables;

/// <summary>
/// The catalog operations of a transaction (Consul's txnNode, txnService, txnCheck): set, cas, get, delete and
/// delete-cas on one node, service instance or check, with Consul's error texts. A <c>cas</c> with index 0 means
/// "only if it does not exist yet"; a <c>delete-cas</c> of something missing is a stale index. Results carry the
/// entry as stored after the operation; deletes add no result. Expects operations prepared by the server's validator
/// (service ID defaulted, check ID and fields filled).
/// </summary>
internal sealed partial class StoreWriter
{
    private string? RunNodeOp(TxnNodeOp op, List<TxnResult> results, long now)
    {
        var node = op.Node ?? new CatalogNode { Node = "" };
        var quoted = GoQuote.Quote(node.Node);
        switch (op.Verb)
        {
            case CatalogVerb.Get:
                if (FindNode(node) is not { } found)
                {
                    return $"node {quoted} doesn't exist";
                }

                results.Add(new TxnResult { Node = found });
                return null;
            case CatalogVerb.Set:
            case CatalogVerb.Cas:
                if (op.Verb == CatalogVerb.Cas && node.ModifyIndex != (FindNode(node)?.ModifyIndex ?? 0))
                {
                    return $"failed to set node {quoted}, index is stale";
                }

                if (EnsureNode(node with { CreateIndex = 0, ModifyIndex = 0 }, now) is { } error)
                {
                    return error;
                }

                results.Add(new TxnResult { Node = FindNode(node) });
                return null;
            case CatalogVerb.Delete:
                DeleteNode(node.Node, now);
                return null;
            case CatalogVerb.DeleteCas:
                if (!Nodes.TryGetValue(node.Node, out var existing) || existing.ModifyIndex != node.ModifyIndex)
                {
                    return $"failed to delete node {quoted}, index is stale";
                }

                DeleteNode(node.Node, now);
                return null;
            default:
                return $"unknown Node verb {GoQuote.Quote(((int)op.Verb).ToString(CultureInfo.InvariantCulture))}";
        }
    }

    private string? RunServiceOp(TxnServiceOp op, List<TxnResult> results, long now)
    {
        var service = op.Service ?? new NodeService { ID = "", Service = "" };
        var where = $"service {GoQuote.Quote(service.ID)} on node {GoQuote.Quote(op.Node)}";
        switch (op.Verb)
        {
            case CatalogVerb.Get:
                if (FindService(op.Node, service.ID) is not { } found)
                {
                    return where + " doesn't exist";
                }

                results.Add(new TxnResult { Service = found });
                return null;
            case CatalogVerb.Set:
            case CatalogVerb.Cas:
                if (op.Verb == CatalogVerb.Cas && service.ModifyIndex != (FindService(op.Node, service.ID)?.ModifyIndex ?? 0))
                {
                    return $"failed to set {where}, index is stale";
                }

                // Consul compat: the store's bare text ("Missing node registration"), without register's prefix.
                if (EnsureService(op.Node, service with { CreateIndex = 0, ModifyIndex = 0 }) is { } error)
                {
                    return error;
                }

                results.Add(new TxnResult { Service = FindService(op.Node, service.ID) });
                return null;
            case CatalogVerb.Delete:
                DeleteService(op.Node, service.ID, now);
                return null;
            case CatalogVerb.DeleteCas:
                if (FindService(op.Node, service.ID) is not { } current || current.ModifyIndex != service.ModifyIndex)
                {
                    return $"failed to delete {where}, index is stale";
                }

                DeleteService(op.Node, service.ID, now);
                return null;
            default:
                return $"unknown Service verb {GoQuote.Quote(((int)op.Verb).ToString(CultureInfo.InvariantCulture))}";
        }
    }

    private string? RunCheckOp(TxnCheckOp op, List<TxnResult> results, long now)
    {
        var check = op.Check ?? new HealthCheck { CheckID = "" };
        var where = $"check {GoQuote.Quote(check.CheckID)} on node {GoQuote.Quote(check.Node)}";
        switch (op.Verb)
        {
            case CatalogVerb.Get:
                if (FindCheck(check.Node, check.CheckID) is not { } found)
                {
                    return where + " doesn't exist";
                }

                results.Add(new TxnResult { Check = found });
                return null;
            case CatalogVerb.Set:
            case CatalogVerb.Cas:
                if (op.Verb == CatalogVerb.Cas && check.ModifyIndex != (FindCheck(check.Node, check.CheckID)?.ModifyIndex ?? 0))
                {
                    return $"failed to set {where}, index is stale";
                }

                if (EnsureCheck(check with { CreateIndex = 0, ModifyIndex = 0 }, now) is { } error)
                {
                    return error;
                }

                results.Add(new TxnResult { Check = FindCheck(check.Node, check.CheckID) });
                return null;
            case CatalogVerb.Delete:
                DeleteCheck(check.Node, check.CheckID, now);
                return null;
            case CatalogVerb.DeleteCas:
                if (FindCheck(check.Node, check.CheckID) is not { } current || current.ModifyIndex != check.ModifyIndex)
                {
                    return $"failed to delete {where}, index is stale";
                }

                DeleteCheck(check.Node, check.CheckID, now);
                return null;
            default:
                return $"unknown Check verb {GoQuote.Quote(((int)op.Verb).ToString(CultureInfo.InvariantCulture))}";
        }
    }

    /// <summary>A node by ID when the operation gives one (Consul's precedence), else by name.</summary>
    private CatalogNode? FindNode(CatalogNode node)
    {
        if (node.ID.Length > 0)
        {
            return NodeIds.TryGetValue(node.ID, out var name) && Nodes.TryGetValue(name, out var byId) ? byId : null;
        }

        return Nodes.TryGetValue(node.Node, out var byName) ? byName : null;
    }

    private NodeService? FindService(string node, string serviceId) =>
        Services.TryGetValue(node, out var services) && services.TryGetValue(serviceId, out var service) ? service : null;

    private HealthCheck? FindCheck(string node, string checkId) =>
        Checks.TryGetValue(node, out var checks) && checks.TryGetValue(checkId, out var check) ? check : null;
}
