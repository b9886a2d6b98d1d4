using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.Server.Text;
using Trellis.State;

namespace Trellis.Server.Txn;

/// <summary>
/// Evaluates a read-only transaction (get, get-tree, check-index, check-session, check-not-exists) on one
/// snapshot, with Consul's results and error texts. Check verbs return the entry without its value.
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
public static class TxnReader
{
    public static TxnResponse Read(IReadOnlyList<TxnOp> operations, StoreSnapshot snapshot)
    {
        var results = new List<TxnResult>();
        var errors = new List<TxnError>();
        for (var i = 0; i < operations.Count; i++)
        {
            var kv = operations[i].KV!;
            var error = ReadOne(kv, snapshot, results);
            if (error is not null)
            {
                errors.Add(new TxnError(i, error));
            }
        }

        return errors.Count > 0 ? new TxnResponse { Errors = errors } : new TxnResponse { Results = results };
    }

    private static string? ReadOne(TxnKvOp op, StoreSnapshot snapshot, List<TxnResult> results)
    {
        var key = GoText.Quote(op.Key);
        switch (op.Verb)
        {
            case KvVerb.GetTree:
                results.AddRange(snapshot.KvList(op.Key).Entries.Select(e => new TxnResult { KV = e }));
                return null;
            case KvVerb.Get:
            {
                var entry = snapshot.KvGet(op.Key).Entry;
                if (entry is null)
                {
                    return $"key {key} doesn't exist";
                }

                results.Add(new TxnResult { KV = entry });
                return null;
            }

            case KvVerb.CheckIndex:
            {
                var entry = snapshot.KvGet(op.Key).Entry;
                if (entry is null)
                {
                    return $"failed to check index, key {key} doesn't exist";
                }

                if (entry.ModifyIndex != op.Index)
                {
                    return $"failed index check for key {key}, current modify index {entry.ModifyIndex} != {op.Index}";
                }

                results.Add(new TxnResult { KV = entry with { Value = null } });
                return null;
            }

            case KvVerb.CheckSession:
            {
                var entry = snapshot.KvGet(op.Key).Entry;
                if (entry is null)
                {
                    return $"failed to check session, key {key} doesn't exist";
                }

                if ((entry.Session ?? "") != (op.Session ?? ""))
                {
                    return $"failed session check for key {key}, current session {GoText.Quote(entry.Session ?? "")} != {GoText.Quote(op.Session ?? "")}";
                }

                results.Add(new TxnResult { KV = entry with { Value = null } });
                return null;
            }

            case KvVerb.CheckNotExists:
                return snapshot.KvGet(op.Key).Entry is null ? null : $"key {key} exists";
            default:
                return $"unknown KV verb {GoText.Quote(op.Verb.ToString())}";
        }
    }
}
