using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Txn;

namespace Trellis.Core.Rpc;

/// <summary>KV operations a server offers (Consul's <c>KVS.*</c> RPCs).</summary>
/// <remarks>Implementations are thread-safe; any number of callers at once.</remarks>
public interface IKvRpc
{
    /// <summary>One key; <c>Value</c> is null when it does not exist. Blocks per <paramref name="options"/>.</summary>
    Task<QueryResult<KvEntry?>> GetAsync(string key, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>Every entry under <paramref name="prefix"/>, sorted by key. Blocks per <paramref name="options"/>.</summary>
    Task<QueryResult<IReadOnlyList<KvEntry>>> ListAsync(string prefix, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>Keys under <paramref name="prefix"/>, rolled up at the first <paramref name="separator"/> after it when given.</summary>
    Task<QueryResult<IReadOnlyList<string>>> KeysAsync(string prefix, string? separator, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one write verb (set, cas, lock, unlock, delete, delete-tree, delete-cas) through Raft.
    /// For cas and delete-cas the expected index is <see cref="KvEntry.ModifyIndex"/>; for lock/unlock the
    /// session is <see cref="KvEntry.Session"/>. Returns whether it took effect (false for a failed cas/lock).
    /// </summary>
    Task<bool> ApplyAsync(KvVerb verb, KvEntry entry, string? token, CancellationToken cancellationToken);
}
