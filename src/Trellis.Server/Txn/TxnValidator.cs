using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.Server.Text;
using Trellis.State;

namespace Trellis.Server.Txn;

/// <summary>
/// Checks a transaction before it runs, with Consul's texts: request-wide limits throw
/// <see cref="RequestTooLargeException"/>; per-operation problems become <see cref="TxnError"/>s (nothing is applied).
/// </summary>
/// <remarks>Stateless apart from its immutable options; thread-safe.</remarks>
public sealed class TxnValidator
{
    private readonly ServerOptions _options;

    public TxnValidator(ServerOptions options) => _options = options;

    /// <summary>Verbs that only read: a transaction made of these alone is served without Raft.</summary>
    public static bool IsRead(KvVerb verb) =>
        verb is KvVerb.Get or KvVerb.GetTree or KvVerb.CheckIndex or KvVerb.CheckSession or KvVerb.CheckNotExists;

    public static bool IsKnown(KvVerb verb) => Enum.IsDefined(verb);

    /// <summary>Whether every operation is a KV read.</summary>
    public static bool IsReadOnly(IReadOnlyList<TxnOp> operations) =>
        operations.All(op => op.KV is { } kv && IsKnown(kv.Verb) && IsRead(kv.Verb));

    /// <summary>Throws for request-wide limits, then returns the per-operation errors (empty when all are fine).</summary>
    /// <param name="snapshot">Read for lock delays (leader-side, like Consul's pre-apply check).</param>
    /// <param name="nowUnixMilliseconds">This server's clock, for lock delays.</param>
    public IReadOnlyList<TxnError> Validate(IReadOnlyList<TxnOp> operations, StoreSnapshot snapshot, long nowUnixMilliseconds)
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
                    $"Value for key {GoText.Quote(kv.Key)} is too large ({kv.Value!.Length} > {_options.KvMaxValueSize} bytes)");
            }
        }

        var errors = new List<TxnError>();
        for (var i = 0; i < operations.Count; i++)
        {
            if (Check(operations[i], snapshot, nowUnixMilliseconds) is { } what)
            {
                errors.Add(new TxnError(i, what));
            }
        }

        return errors;
    }

    private static string? Check(TxnOp op, StoreSnapshot snapshot, long now)
    {
        if (op.KV is not { } kv)
        {
            return "no operation specified";
        }

        if (!IsKnown(kv.Verb))
        {
            return $"unknown KV verb {GoText.Quote(kv.Verb.ToString())}";
        }

        if (kv.Key.Length == 0 && kv.Verb != KvVerb.DeleteTree)
        {
            return "Must provide key";
        }

        if (kv.Verb == KvVerb.Lock && snapshot.KvLockDelayUntil(kv.Key) is { } until && until > now)
        {
            return $"failed to lock key {GoText.Quote(kv.Key)} due to lock delay";
        }

        return null;
    }
}
