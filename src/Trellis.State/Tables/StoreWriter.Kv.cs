using Trellis.Core.Kv;
using Trellis.Core.Formats;

namespace Trellis.State.Tables;

/// <summary>The KV write verbs, with Consul's semantics (agent/consul/state/kvs.go).</summary>
internal sealed partial class StoreWriter
{
    /// <summary>Plain set: keeps the CreateIndex, LockIndex and lock holder of an existing entry. Returns the stored entry.</summary>
    public KvEntry KvSet(KvEntry incoming) => SetCore(incoming, updateSession: false);

    /// <summary>Check-and-set on <c>incoming.ModifyIndex</c> (0 means "only if absent"). Null when the check failed.</summary>
    public KvEntry? KvCas(KvEntry incoming)
    {
        var existing = GetKv(incoming.Key);
        if (incoming.ModifyIndex == 0 ? existing is not null : existing is null || existing.ModifyIndex != incoming.ModifyIndex)
        {
            return null;
        }

        return SetCore(incoming, updateSession: false);
    }

    /// <summary>
    /// Acquires the lock on the key for <c>incoming.Session</c>. Returns the stored entry, or null with no error when
    /// another session holds the lock, or an error text when the session is missing or unknown.
    /// </summary>
    public (KvEntry? Entry, string? Error) KvLock(KvEntry incoming)
    {
        if (string.IsNullOrEmpty(incoming.Session))
        {
            return (null, "missing session");
        }

        if (!Sessions.ContainsKey(incoming.Session))
        {
            return (null, $"invalid session {GoQuote.Quote(incoming.Session)}");
        }

        var existing = GetKv(incoming.Key);
        ulong createIndex, lockIndex;
        if (existing is null)
        {
            createIndex = Index;
            lockIndex = 1;
        }
        else if (existing.Session == incoming.Session)
        {
            // Re-acquired by the holder: only value and flags may change.
            createIndex = existing.CreateIndex;
            lockIndex = existing.LockIndex;
        }
        else if (!string.IsNullOrEmpty(existing.Session))
        {
            return (null, null);
        }
        else
        {
            createIndex = existing.CreateIndex;
            lockIndex = existing.LockIndex + 1;
        }

        return (SetCore(incoming with { CreateIndex = createIndex, LockIndex = lockIndex }, updateSession: true), null);
    }

    /// <summary>Releases the lock held by <c>incoming.Session</c>; null with no error when the key is absent or held by someone else.</summary>
    public (KvEntry? Entry, string? Error) KvUnlock(KvEntry incoming)
    {
        if (string.IsNullOrEmpty(incoming.Session))
        {
            return (null, "missing session");
        }

        var existing = GetKv(incoming.Key);
        if (existing is null || existing.Session != incoming.Session)
        {
            return (null, null);
        }

        var entry = incoming with { Session = null, LockIndex = existing.LockIndex, CreateIndex = existing.CreateIndex };
        return (SetCore(entry, updateSession: true), null);
    }

    /// <summary>Deletes one key, leaving a tombstone. A missing key is a no-op.</summary>
    public void KvDelete(string key)
    {
        var existing = GetKv(key);
        if (existing is null)
        {
            return;
        }

        InsertTombstone(key);
        RemoveKv(existing);
    }

    /// <summary>Deletes with a check on the ModifyIndex.</summary>
    public bool KvDeleteCas(string key, ulong modifyIndex)
    {
        var existing = GetKv(key);
        if (existing is null)
        {
            // Consul compat: a check-and-delete of a key that does not exist reports success.
            return true;
        }

        if (existing.ModifyIndex != modifyIndex)
        {
            return false;
        }

        KvDelete(key);
        return true;
    }

    /// <summary>Deletes every key under <paramref name="prefix"/>; one tombstone marks the prefix (none for the empty prefix).</summary>
    public void KvDeleteTree(string prefix)
    {
        var doomed = KvReads.List(Kvs, prefix);
        if (doomed.Count == 0)
        {
            return;
        }

        foreach (var entry in doomed)
        {
            RemoveKv(entry);
        }

        if (prefix.Length != 0)
        {
            InsertTombstone(prefix);
        }
    }

    /// <summary>Removes the tombstones at or below <paramref name="reapIndex"/>.</summary>
    public void ReapTombstones(ulong reapIndex)
    {
        var keep = Tombstones.Where(t => t.Index > reapIndex).ToList();
        if (keep.Count != Tombstones.Count)
        {
            Tombstones = Tombstones.Clear().Union(keep);
        }

        ReapedIndex = Math.Max(ReapedIndex, reapIndex);
    }

    /// <summary>
    /// Consul's kvsSetTxn: preserves CreateIndex (and, unless <paramref name="updateSession"/>, the lock holder and
    /// lock index), and skips the write entirely when nothing would change.
    /// </summary>
    private KvEntry SetCore(KvEntry incoming, bool updateSession)
    {
        var existing = GetKv(incoming.Key);
        var entry = incoming with
        {
            CreateIndex = existing?.CreateIndex ?? (updateSession ? incoming.CreateIndex : Index),
            Session = updateSession ? NullIfEmpty(incoming.Session) : existing?.Session,
            LockIndex = updateSession ? incoming.LockIndex : existing?.LockIndex ?? 0,
        };

        if (existing is not null
            && existing.LockIndex == entry.LockIndex
            && existing.Flags == entry.Flags
            && existing.Session == entry.Session
            && KvReads.SameValue(existing.Value, entry.Value))
        {
            // Consul compat: an unchanged entry is not rewritten, so its ModifyIndex and the table index stay put.
            return existing;
        }

        entry = entry with { ModifyIndex = Index };
        PutKv(existing, entry);
        return entry;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
