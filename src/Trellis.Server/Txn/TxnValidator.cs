using Trellis.Core.Catalog;
using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.Server.Catalog;
using Trellis.Server.Text;
using Trellis.State;

namespace Trellis.Server.Txn;

/// <summary>
/// Checks and completes a transaction before it runs, as Consul's preCheck does, with Consul's texts: request-wide
/// limits throw <see cref="RequestTooLargeException"/>; per-operation problems become <see cref="TxnError"/>s
/// (nothing is applied). Catalog writes are completed the way a catalog register is (service ID from its name,
/// check ID from its name, defaults filled), so the state store applies them as given.
/// </summary>
/// <remarks>Stateless apart from its immutable options; thread-safe.</remarks>
public sealed class TxnValidator
{
    private readonly ServerOptions _options;

    public TxnValidator(ServerOptions options) => _options = options;

    /// <summary>The operations to apply (completed) and the per-operation errors (empty when all are fine).</summary>
    public sealed record Preparation(IReadOnlyList<TxnOp> Operations, IReadOnlyList<TxnError> Errors);

    public static bool IsKnown(KvVerb verb) => Enum.IsDefined(verb);

    /// <summary>Whether every operation only reads: such a transaction is served from a snapshot without Raft.</summary>
    public static bool IsReadOnly(IReadOnlyList<TxnOp> operations) => StoreSnapshot.IsReadOnly(operations);

    /// <summary>Throws for request-wide limits, then completes every operation or records why it cannot run.</summary>
    /// <param name="snapshot">Read for lock delays (leader-side, like Consul's pre-apply check).</param>
    /// <param name="nowUnixMilliseconds">This server's clock, for lock delays.</param>
    public Preparation Prepare(IReadOnlyList<TxnOp> operations, StoreSnapshot snapshot, long nowUnixMilliseconds)
    {
        if (operations.Count > KvLimits.MaxTxnOperations)
        {
            throw new RequestTooLargeException(
                $"Transaction contains too many operations ({operations.Count} > {KvLimits.MaxTxnOperations})");
        }

        foreach (var op in operations)
        {
            if (op.KV is { } kv && (kv.Value?.Length ?? 0) > _options.KvMaxValueSize)
            {
                throw new RequestTooLargeException(
                    $"Value for key {Core.Formats.GoQuote.Quote(kv.Key)} is too large ({kv.Value!.Length} > {_options.KvMaxValueSize} bytes)");
            }
        }

        var prepared = new List<TxnOp>(operations.Count);
        var errors = new List<TxnError>();
        for (var i = 0; i < operations.Count; i++)
        {
            try
            {
                prepared.Add(Prepare(operations[i], snapshot, nowUnixMilliseconds));
            }
            catch (InvalidRequestException ex)
            {
                errors.Add(new TxnError(i, ex.Message));
                prepared.Add(operations[i]);
            }
        }

        return new Preparation(prepared, errors);
    }

    private TxnOp Prepare(TxnOp op, StoreSnapshot snapshot, long now) => op switch
    {
        { KV: { } kv } => CheckKv(kv, snapshot, now) is { } what ? throw new InvalidRequestException(what) : op,
        { Node: { } node } => op with { Node = PrepareNode(node) },
        { Service: { } service } => op with { Service = PrepareService(service) },
        { Check: { } check } => op with { Check = PrepareCheck(check) },
        _ => throw new InvalidRequestException("unknown operation type"),
    };

    private static string? CheckKv(TxnKvOp kv, StoreSnapshot snapshot, long now)
    {
        if (!IsKnown(kv.Verb))
        {
            return $"unknown KV verb {Core.Formats.GoQuote.Quote(kv.Verb.ToString())}";
        }

        if (kv.Key.Length == 0 && kv.Verb != KvVerb.DeleteTree)
        {
            return "Must provide key";
        }

        if (kv.Verb == KvVerb.Lock && snapshot.KvLockDelayUntil(kv.Key) is { } until && until > now)
        {
            return $"failed to lock key {Core.Formats.GoQuote.Quote(kv.Key)} due to lock delay";
        }

        return null;
    }

    private TxnNodeOp PrepareNode(TxnNodeOp op)
    {
        CheckVerb(op.Verb, "node");
        var given = op.Node ?? new CatalogNode { Node = "" };
        var node = given with { Node = given.Node ?? "", ID = given.ID ?? "", Address = given.Address ?? "", Datacenter = given.Datacenter ?? "" };
        if (op.Verb != CatalogVerb.Get)
        {
            // Consul's nodePreApply.
            if (string.IsNullOrEmpty(node.Node))
            {
                throw new InvalidRequestException("Must provide node");
            }

            RegisterValidator.ValidateNodeId(node.ID);

            // As a catalog register does: a node written without a datacenter is in this one.
            node = node.Datacenter.Length > 0 ? node : node with { Datacenter = _options.Datacenter };
        }

        return op with { Node = node };
    }

    private static TxnServiceOp PrepareService(TxnServiceOp op)
    {
        CheckVerb(op.Verb, "service");
        var given = op.Service ?? new NodeService { ID = "", Service = "" };
        var service = given with { ID = given.ID ?? "", Service = given.Service ?? "" };
        return op with
        {
            Node = op.Node ?? "",
            Service = op.Verb == CatalogVerb.Get ? service : RegisterValidator.PrepareService(service),
        };
    }

    private static TxnCheckOp PrepareCheck(TxnCheckOp op)
    {
        CheckVerb(op.Verb, "check");
        var given = op.Check ?? new HealthCheck { CheckID = "" };
        var check = given with { Node = given.Node ?? "", CheckID = given.CheckID ?? "" };
        return op with { Check = op.Verb == CatalogVerb.Get ? check : RegisterValidator.PrepareCheck(check, check.Node) };
    }

    private static void CheckVerb(CatalogVerb verb, string what)
    {
        if (!Enum.IsDefined(verb))
        {
            throw new InvalidRequestException($"unknown {what} operation: {(int)verb}");
        }
    }
}
