using Trellis.Core.Kv;
using Trellis.Core.Sessions;
using Trellis.State.Watches;

namespace Trellis.State;

/// <summary>
/// An immutable view of the whole store at one index. Every read returns the index its result
/// depends on (the value of <c>X-Consul-Index</c>); pass a <see cref="WatchSet"/> to record what the read touched.
/// </summary>
/// <remarks>Immutable: any number of threads may read one snapshot at once, while the writer goes on.</remarks>
public sealed class StoreSnapshot
{
    /// <summary>The Raft index of the last command applied before this snapshot.</summary>
    public ulong Index => throw new NotImplementedException();

    public (KvEntry? Entry, ulong Index) KvGet(string key, WatchSet? watch = null) => throw new NotImplementedException();

    public (IReadOnlyList<KvEntry> Entries, ulong Index) KvList(string prefix, WatchSet? watch = null) => throw new NotImplementedException();

    public (IReadOnlyList<string> Keys, ulong Index) KvKeys(string prefix, string? separator, WatchSet? watch = null) => throw new NotImplementedException();

    /// <summary>When a lock delay is in force on <paramref name="key"/>, the Unix time in ms at which it ends.</summary>
    public long? KvLockDelayUntil(string key) => throw new NotImplementedException();

    public (Session? Session, ulong Index) SessionGet(string id, WatchSet? watch = null) => throw new NotImplementedException();

    public (IReadOnlyList<Session> Sessions, ulong Index) SessionList(WatchSet? watch = null) => throw new NotImplementedException();

    public (IReadOnlyList<Session> Sessions, ulong Index) SessionListByNode(string node, WatchSet? watch = null) => throw new NotImplementedException();
}
