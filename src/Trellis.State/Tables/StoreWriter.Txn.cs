using System.Globalization;
using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.Core.Formats;

namespace Trellis.State.Tables;

/// <summary>
/// Transactions: every operation runs in order against this working copy and sees the effects of the ones before it
/// (the KV verbs here, the catalog ones in StoreWriter.TxnCatalog.cs).
/// All failures are collected (as Consul does); the caller publishes the result only when there are none.
/// </summary>
internal sealed partial class StoreWriter
{
    /// <summary>Runs <paramref name="ops"/>. With <paramref name="readOnly"/>, write verbs are reported as errors.</summary>
    /// <param name="nowUnixMilliseconds">The proposing server's clock (lock delays of sessions a delete invalidates).</param>
    public TxnResponse RunTxn(IReadOnlyList<TxnOp> ops, bool readOnly, long nowUnixMilliseconds = 0)
    {
        var results = new List<TxnResult>(ops.Count);
        List<TxnError>? errors = null;
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            string? error;
            if (readOnly && op.IsWrite)
            {
                error = "cannot run a write operation in a read-only transaction";
            }
            else
            {
                error = op switch
                {
                    { KV: { } kv } => RunKvOp(kv, results),
                    { Node: { } node } => RunNodeOp(node, results, nowUnixMilliseconds),
                    { Service: { } service } => RunServiceOp(service, results, nowUnixMilliseconds),
                    { Check: { } check } => RunCheckOp(check, results, nowUnixMilliseconds),
                    _ => "no operation specified",
                };
            }

            if (error is not null)
            {
                (errors ??= []).Add(new TxnError(i, error));
            }
        }

        return errors is null ? new TxnResponse { Results = results } : new TxnResponse { Errors = errors };
    }

    private string? RunKvOp(TxnKvOp op, List<TxnResult> results)
    {
        var key = op.Key;
        var quoted = GoQuote.Quote(key);
        var incoming = new KvEntry { Key = key, Value = op.Value, Flags = op.Flags, ModifyIndex = op.Index, Session = op.Session };
        KvEntry? entry = null;
        string? error = null;
        switch (op.Verb)
        {
            case KvVerb.Set:
                entry = KvSet(incoming);
                break;
            case KvVerb.Cas:
                entry = KvCas(incoming);
                error = entry is null ? $"failed to set key {quoted}, index is stale" : null;
                break;
            case KvVerb.Lock:
                (entry, error) = KvLock(incoming);
                error ??= entry is null ? $"failed to lock key {quoted}, lock is already held" : null;
                break;
            case KvVerb.Unlock:
                (entry, error) = KvUnlock(incoming);
                error ??= entry is null ? $"failed to unlock key {quoted}, lock isn't held, or is held by another session" : null;
                break;
            case KvVerb.Get:
                entry = GetKv(key);
                if (entry is null)
                {
                    return $"key {quoted} doesn't exist";
                }

                results.Add(new TxnResult { KV = entry });
                return null;
            case KvVerb.GetOrEmpty:
                // Consul compat: a missing key answers with the operation's own entry, without a value.
                results.Add(new TxnResult { KV = GetKv(key) ?? incoming with { Value = null } });
                return null;
            case KvVerb.GetTree:
                foreach (var e in KvReads.List(Kvs, key))
                {
                    results.Add(new TxnResult { KV = e });
                }

                return null;
            case KvVerb.CheckIndex:
                entry = GetKv(key);
                if (entry is null)
                {
                    error = $"failed to check index, key {quoted} doesn't exist";
                }
                else if (entry.ModifyIndex != op.Index)
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"failed index check for key {quoted}, current modify index {entry.ModifyIndex} != {op.Index}");
                }

                break;
            case KvVerb.CheckSession:
                entry = GetKv(key);
                if (entry is null)
                {
                    error = $"failed to check session, key {quoted} doesn't exist";
                }
                else if ((entry.Session ?? "") != (op.Session ?? ""))
                {
                    error = $"failed session check for key {quoted}, current session {GoQuote.Quote(entry.Session)} != {GoQuote.Quote(op.Session)}";
                }

                break;
            case KvVerb.CheckNotExists:
                return GetKv(key) is null ? null : $"key {quoted} exists";
            case KvVerb.Delete:
                KvDelete(key);
                return null;
            case KvVerb.DeleteTree:
                KvDeleteTree(key);
                return null;
            case KvVerb.DeleteCas:
                return KvDeleteCas(key, op.Index) ? null : $"failed to delete key {quoted}, index is stale";
            default:
                return $"unknown KV verb {GoQuote.Quote(VerbName(op.Verb))}";
        }

        if (error is not null)
        {
            return error;
        }

        // Consul compat: results of write and check verbs carry the entry without its value.
        if (entry is not null)
        {
            results.Add(new TxnResult { KV = entry with { Value = null } });
        }

        return null;
    }

    private static string VerbName(KvVerb verb) => verb switch
    {
        KvVerb.Set => "set",
        KvVerb.Cas => "cas",
        KvVerb.Lock => "lock",
        KvVerb.Unlock => "unlock",
        KvVerb.Get => "get",
        KvVerb.GetOrEmpty => "get-or-empty",
        KvVerb.GetTree => "get-tree",
        KvVerb.CheckIndex => "check-index",
        KvVerb.CheckSession => "check-session",
        KvVerb.CheckNotExists => "check-not-exists",
        KvVerb.Delete => "delete",
        KvVerb.DeleteTree => "delete-tree",
        KvVerb.DeleteCas => "delete-cas",
        _ => ((int)verb).ToString(CultureInfo.InvariantCulture),
    };
}
