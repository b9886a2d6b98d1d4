using Trellis.Core.Kv;
using Trellis.Core.Sessions;
using Trellis.Core.Txn;
using Trellis.State.Tables;
using Trellis.State.Watches;

namespace Trellis.State;

/// <summary>
/// An immutable view of the whole store at one index. Every read returns the index its result
/// depends on (the value of <c>X-Consul-Index</c>); pass a <see cref="WatchSet"/> to record what the read touched.
/// </summary>
/// <remarks>Immutable: any number of threads may read one snapshot at once, while the writer goes on.</remarks>
public sealed partial class StoreSnapshot
{
    internal StoreSnapshot(StoreRoot root) => Root = root;

    internal StoreRoot Root { get; }

    /// <summary>The Raft index of the last command applied before this snapshot.</summary>
    public ulong Index => Root.Index;

    /// <summary>
    /// One key. The index is the entry's ModifyIndex when it exists, else the max index of the kvs and tombstones
    /// tables (as Consul's KVS.Get endpoint reports it).
    /// </summary>
    public (KvEntry? Entry, ulong Index) KvGet(string key, WatchSet? watch = null)
    {
        watch?.AddKey(key);
        var entry = KvReads.Get(Root.Kvs, key);
        return (entry, entry?.ModifyIndex ?? Root.KvsMaxIndex);
    }

    /// <summary>Every entry under <paramref name="prefix"/> in key order, with Consul's list index.</summary>
    public (IReadOnlyList<KvEntry> Entries, ulong Index) KvList(string prefix, WatchSet? watch = null)
    {
        watch?.AddPrefix(prefix);
        var entries = KvReads.List(Root.Kvs, prefix);
        return (entries, KvReads.ListIndex(Root, prefix, entries));
    }

    /// <summary>
    /// The keys under <paramref name="prefix"/>; with a <paramref name="separator"/>, keys are rolled up to the
    /// first separator after the prefix (Consul's <c>?keys&amp;separator=</c>).
    /// </summary>
    public (IReadOnlyList<string> Keys, ulong Index) KvKeys(string prefix, string? separator, WatchSet? watch = null)
    {
        watch?.AddPrefix(prefix);
        var entries = KvReads.List(Root.Kvs, prefix);
        var keys = new List<string>(entries.Count);
        string? last = null;
        foreach (var e in entries)
        {
            var cut = string.IsNullOrEmpty(separator) ? -1 : e.Key.IndexOf(separator, prefix.Length, StringComparison.Ordinal);
            var key = cut < 0 ? e.Key : e.Key[..(cut + separator!.Length)];
            if (key != last)
            {
                keys.Add(key);
                last = key;
            }
        }

        return (keys, KvReads.ListIndex(Root, prefix, entries));
    }

    /// <summary>When a lock delay is in force on <paramref name="key"/>, the Unix time in ms at which it ends.</summary>
    /// <remarks>Expired delays may still be reported; compare with the current time.</remarks>
    /// <summary>The cluster's autopilot settings, or null before they were first written.</summary>
    public Core.Operator.AutopilotConfiguration? AutopilotConfig => Root.AutopilotConfig;

    public long? KvLockDelayUntil(string key) => Root.LockDelays.TryGetValue(key, out var until) ? until : null;

    public (Session? Session, ulong Index) SessionGet(string id, WatchSet? watch = null)
    {
        watch?.AddTable(StoreWriter.SessionsTable);
        return (Root.Sessions.GetValueOrDefault(id), Root.SessionsIndex);
    }

    public (IReadOnlyList<Session> Sessions, ulong Index) SessionList(WatchSet? watch = null)
    {
        watch?.AddTable(StoreWriter.SessionsTable);
        return ([.. Root.Sessions.Values], Root.SessionsIndex);
    }

    public (IReadOnlyList<Session> Sessions, ulong Index) SessionListByNode(string node, WatchSet? watch = null)
    {
        watch?.AddTable(StoreWriter.SessionsTable);
        IReadOnlyList<Session> sessions = Root.SessionsByNode.TryGetValue(node, out var ids)
            ? [.. ids.Select(id => Root.Sessions[id])]
            : [];
        return (sessions, Root.SessionsIndex);
    }

    /// <summary>The IDs of the keys a session holds locked.</summary>
    public IReadOnlyList<string> SessionHeldKeys(string id) =>
        Root.KeysBySession.TryGetValue(id, out var keys) ? [.. keys] : [];

    /// <summary>
    /// Runs a read-only transaction (get, get-tree, check-index, check-session, check-not-exists) on this snapshot.
    /// A write verb is reported as an error of its operation. The index is this snapshot's.
    /// </summary>
    public (TxnResponse Response, ulong Index) ReadTxn(IReadOnlyList<TxnOp> operations)
    {
        var writer = new StoreWriter(Root, Root.Index);
        return (writer.RunTxn(operations, readOnly: true), Root.Index);
    }

    /// <summary>Whether every verb of <paramref name="operations"/> is a read, so <see cref="ReadTxn"/> can serve it.</summary>
    public static bool IsReadOnly(IReadOnlyList<TxnOp> operations) =>
        operations.All(op => op is { KV: not null } or { Node: not null } or { Service: not null } or { Check: not null } && !op.IsWrite);
}
