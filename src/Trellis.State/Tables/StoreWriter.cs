using System.Collections.Immutable;
using Trellis.Core.Kv;

namespace Trellis.State.Tables;

/// <summary>
/// A working copy of a <see cref="StoreRoot"/> that one command mutates. Every change replaces an immutable
/// collection, so discarding the writer (a failed transaction) leaves the original root untouched.
/// </summary>
/// <remarks>Used by the FSM thread only (or by one reader for a read-only transaction).</remarks>
internal sealed partial class StoreWriter
{
    public const string KvsTable = "kvs";
    public const string SessionsTable = "sessions";
    public const string NodesTable = "nodes";
    public const string ServicesTable = "services";
    public const string ChecksTable = "checks";
    public const string PreparedQueriesTable = "prepared-queries";

    private readonly StoreRoot _origin;

    public StoreWriter(StoreRoot origin, ulong index)
    {
        _origin = origin;
        Index = index;
        Kvs = origin.Kvs;
        Tombstones = origin.Tombstones;
        Sessions = origin.Sessions;
        SessionsByNode = origin.SessionsByNode;
        KeysBySession = origin.KeysBySession;
        LockDelays = origin.LockDelays;
        KvsIndex = origin.KvsIndex;
        TombstonesIndex = origin.TombstonesIndex;
        SessionsIndex = origin.SessionsIndex;
        ReapedIndex = origin.ReapedIndex;
        Nodes = origin.Nodes;
        NodeIds = origin.NodeIds;
        Services = origin.Services;
        ServiceInstances = origin.ServiceInstances;
        Checks = origin.Checks;
        ServiceIndexes = origin.ServiceIndexes;
        NodesIndex = origin.NodesIndex;
        ServicesIndex = origin.ServicesIndex;
        ChecksIndex = origin.ChecksIndex;
        PreparedQueries = origin.PreparedQueries;
        PreparedQueryNames = origin.PreparedQueryNames;
        PreparedQueriesIndex = origin.PreparedQueriesIndex;
        AutopilotConfig = origin.AutopilotConfig;
    }

    /// <summary>The Raft index of the command being applied.</summary>
    public ulong Index { get; }

    public ChangeSet Changes { get; } = new();

    public ImmutableSortedSet<KvEntry> Kvs { get; private set; }

    public ImmutableSortedSet<Tombstone> Tombstones { get; private set; }

    public ImmutableSortedDictionary<string, Core.Sessions.Session> Sessions { get; private set; }

    public ImmutableDictionary<string, ImmutableSortedSet<string>> SessionsByNode { get; private set; }

    public ImmutableDictionary<string, ImmutableSortedSet<string>> KeysBySession { get; private set; }

    public ImmutableDictionary<string, long> LockDelays { get; private set; }

    public ulong KvsIndex { get; private set; }

    public ulong TombstonesIndex { get; private set; }

    public ulong SessionsIndex { get; private set; }

    public ulong ReapedIndex { get; private set; }

    public ulong KvsMaxIndex => Math.Max(KvsIndex, TombstonesIndex);

    public StoreRoot Build() => _origin with
    {
        Index = Math.Max(_origin.Index, Index),
        Kvs = Kvs,
        Tombstones = Tombstones,
        Sessions = Sessions,
        SessionsByNode = SessionsByNode,
        KeysBySession = KeysBySession,
        LockDelays = LockDelays,
        KvsIndex = KvsIndex,
        TombstonesIndex = TombstonesIndex,
        SessionsIndex = SessionsIndex,
        ReapedIndex = ReapedIndex,
        Nodes = Nodes,
        NodeIds = NodeIds,
        Services = Services,
        ServiceInstances = ServiceInstances,
        Checks = Checks,
        ServiceIndexes = ServiceIndexes,
        NodesIndex = NodesIndex,
        ServicesIndex = ServicesIndex,
        ChecksIndex = ChecksIndex,
        PreparedQueries = PreparedQueries,
        PreparedQueryNames = PreparedQueryNames,
        PreparedQueriesIndex = PreparedQueriesIndex,
        AutopilotConfig = AutopilotConfig,
    };

    public KvEntry? GetKv(string key) => KvReads.Get(Kvs, key);

    /// <summary>Stores <paramref name="entry"/> (replacing any entry of its key) and keeps the session lock index in step.</summary>
    private void PutKv(KvEntry? existing, KvEntry entry)
    {
        if (existing is not null)
        {
            Kvs = Kvs.Remove(existing);
        }

        Kvs = Kvs.Add(entry);
        if (existing?.Session != entry.Session)
        {
            if (existing?.Session is { Length: > 0 } oldSession)
            {
                RemoveHeldKey(oldSession, entry.Key);
            }

            if (entry.Session is { Length: > 0 } newSession)
            {
                AddHeldKey(newSession, entry.Key);
            }
        }

        KvsIndex = Math.Max(KvsIndex, Index);
        Changes.Keys.Add(entry.Key);
        Changes.Tables.Add(KvsTable);
    }

    private void RemoveKv(KvEntry existing)
    {
        Kvs = Kvs.Remove(existing);
        if (existing.Session is { Length: > 0 } session)
        {
            RemoveHeldKey(session, existing.Key);
        }

        KvsIndex = Math.Max(KvsIndex, Index);
        Changes.Keys.Add(existing.Key);
        Changes.Tables.Add(KvsTable);
    }

    private void InsertTombstone(string key)
    {
        var stone = new Tombstone(key, Index);
        if (KvReads.GetTombstone(Tombstones, key) is { } old)
        {
            Tombstones = Tombstones.Remove(old);
        }

        Tombstones = Tombstones.Add(stone);
        TombstonesIndex = Math.Max(TombstonesIndex, Index);
    }

    private void AddHeldKey(string session, string key)
    {
        var keys = KeysBySession.TryGetValue(session, out var set) ? set : ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
        KeysBySession = KeysBySession.SetItem(session, keys.Add(key));
    }

    private void RemoveHeldKey(string session, string key)
    {
        if (!KeysBySession.TryGetValue(session, out var set))
        {
            return;
        }

        set = set.Remove(key);
        KeysBySession = set.IsEmpty ? KeysBySession.Remove(session) : KeysBySession.SetItem(session, set);
    }
}
