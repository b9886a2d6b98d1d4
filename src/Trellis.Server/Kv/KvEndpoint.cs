using Trellis.Consensus;
using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Core.Txn;
using Trellis.Server.Blocking;
using Trellis.Server.Leader;
using Trellis.Server.Text;
using Trellis.State.Commands;

namespace Trellis.Server.Kv;

/// <summary>
/// Consul's <c>KVS.*</c> RPCs: reads are blocking queries on store snapshots; writes are checked on this
/// (leader) server — key present, value size, lock delay, lock session — then proposed as <see cref="KvCommand"/>s.
/// </summary>
/// <remarks>Thread-safe; holds no per-request state.</remarks>
public sealed class KvEndpoint : IKvRpc
{
    /// <summary>Where Consul's too-large error points the reader.</summary>
    public const string MaxValueSizeDocs = "https://developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size";

    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;
    private readonly ServerOptions _options;
    private readonly BlockingQueryRunner _queries;
    private readonly TombstoneGc? _tombstones;

    public KvEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options)
        : this(raft, time, options, null)
    {
    }

    public KvEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options, TombstoneGc? tombstones)
    {
        _raft = raft;
        _time = time;
        _options = options;
        _tombstones = tombstones;
        _queries = new BlockingQueryRunner(raft, time);
    }

    public Task<QueryResult<KvEntry?>> GetAsync(string key, QueryOptions options, CancellationToken cancellationToken) =>
        _queries.RunAsync<KvEntry?>(options, (snapshot, watch) =>
        {
            var (entry, index) = snapshot.KvGet(key, watch);

            // Consul compat: a found key reports its own ModifyIndex, a missing one the table's index.
            return (entry, entry?.ModifyIndex ?? index);
        }, cancellationToken);

    public Task<QueryResult<IReadOnlyList<KvEntry>>> ListAsync(string prefix, QueryOptions options, CancellationToken cancellationToken) =>
        _queries.RunAsync(options, (snapshot, watch) => snapshot.KvList(prefix, watch), cancellationToken);

    public Task<QueryResult<IReadOnlyList<string>>> KeysAsync(string prefix, string? separator, QueryOptions options, CancellationToken cancellationToken) =>
        _queries.RunAsync(options, (snapshot, watch) => snapshot.KvKeys(prefix, string.IsNullOrEmpty(separator) ? null : separator, watch), cancellationToken);

    public async Task<bool> ApplyAsync(KvVerb verb, KvEntry entry, string? token, CancellationToken cancellationToken)
    {
        if (verb is not (KvVerb.Set or KvVerb.Cas or KvVerb.Lock or KvVerb.Unlock or KvVerb.Delete or KvVerb.DeleteTree or KvVerb.DeleteCas))
        {
            throw new InvalidRequestException($"Invalid KV operation {Core.Formats.GoQuote.Quote(verb.ToString())}");
        }

        if (entry.Key.Length == 0 && verb != KvVerb.DeleteTree)
        {
            throw new InvalidRequestException("Must provide key");
        }

        var size = entry.Value?.Length ?? 0;
        if (size > _options.KvMaxValueSize)
        {
            throw new RequestTooLargeException(
                $"Request body({size} bytes) too large, max size: {_options.KvMaxValueSize} bytes. See {MaxValueSizeDocs}.");
        }

        if (verb == KvVerb.Lock && !CheckLock(entry))
        {
            return false;
        }

        var result = await _raft.ApplyAsync(new KvCommand(verb, entry), cancellationToken).ConfigureAwait(false);
        var applied = result as bool? ?? true;
        if (applied && verb is KvVerb.Delete or KvVerb.DeleteTree or KvVerb.DeleteCas)
        {
            _tombstones?.Hint(_raft.Store.Snapshot().Index);
        }

        return applied;
    }

    /// <summary>
    /// The leader-side lock checks: false while a lock delay is in force (it is wall-clock based, so only the
    /// leader's clock may decide it); an unknown session is Consul's plain RPC error.
    /// </summary>
    private bool CheckLock(KvEntry entry)
    {
        var snapshot = _raft.Store.Snapshot();
        if (snapshot.KvLockDelayUntil(entry.Key) is { } until && until > _time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return false;
        }

        if (string.IsNullOrEmpty(entry.Session))
        {
            throw new InternalServerErrorException("missing session");
        }

        if (snapshot.SessionGet(entry.Session).Session is null)
        {
            throw new InternalServerErrorException($"invalid session {Core.Formats.GoQuote.Quote(entry.Session)}");
        }

        return true;
    }
}
