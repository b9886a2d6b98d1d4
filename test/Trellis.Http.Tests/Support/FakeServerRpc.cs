using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Operator;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Core.Sessions;
using Trellis.Core.Txn;

namespace Trellis.Http.Tests.Support;

/// <summary>
/// A small in-memory <see cref="IServerRpc"/> for HTTP tests: records what it was asked (options, tokens, verbs)
/// and answers from a dictionary. Not a server: no blocking, no Raft.
/// </summary>
/// <remarks>Guarded by one lock; test threads and Kestrel threads may call it.</remarks>
public sealed class FakeServerRpc : IServerRpc, IKvRpc, ISessionRpc, ITxnRpc, IStatusRpc, IOperatorRpc, ISnapshotRpc
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, KvEntry> _kv = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Session> _sessions = [];
    private ulong _index;

    public IKvRpc Kv => this;
    public ISessionRpc Session => this;
    public ITxnRpc Txn => this;
    public IStatusRpc Status => this;
    public IOperatorRpc Operator => this;
    public ISnapshotRpc Snapshot => this;

    /// <summary>Catalog and health are tested against a real server (Server and integration tests), not this fake.</summary>
    public ICatalogRpc Catalog => throw new NotSupportedException("FakeServerRpc has no catalog.");

    public IHealthRpc Health => throw new NotSupportedException("FakeServerRpc has no health endpoint.");

    public IPreparedQueryRpc PreparedQuery => throw new NotSupportedException("FakeServerRpc has no prepared query endpoint.");

    public QueryMeta Meta { get; set; } = new() { KnownLeader = true, LastContact = TimeSpan.FromMilliseconds(42) };

    public QueryOptions? LastOptions { get; private set; }
    public string? LastToken { get; private set; }
    public KvVerb? LastVerb { get; private set; }
    public KvEntry? LastEntry { get; private set; }
    public string? LastSeparator { get; private set; }
    public Session? LastSessionRequest { get; private set; }
    public IReadOnlyList<TxnOp>? LastTxn { get; private set; }
    public TxnResponse? NextTxnResponse { get; set; }
    public Exception? Throw { get; set; }
    public byte[]? RestoredArchive { get; private set; }

    public Task<QueryResult<KvEntry?>> GetAsync(string key, QueryOptions options, CancellationToken cancellationToken)
    {
        Observe(options);
        lock (_gate)
        {
            return Task.FromResult(new QueryResult<KvEntry?>(_kv.GetValueOrDefault(key), Meta with { Index = _index }));
        }
    }

    public Task<QueryResult<IReadOnlyList<KvEntry>>> ListAsync(string prefix, QueryOptions options, CancellationToken cancellationToken)
    {
        Observe(options);
        lock (_gate)
        {
            IReadOnlyList<KvEntry> list = _kv.Values.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            return Task.FromResult(new QueryResult<IReadOnlyList<KvEntry>>(list, Meta with { Index = _index }));
        }
    }

    public Task<QueryResult<IReadOnlyList<string>>> KeysAsync(string prefix, string? separator, QueryOptions options, CancellationToken cancellationToken)
    {
        Observe(options);
        LastSeparator = separator;
        lock (_gate)
        {
            IReadOnlyList<string> keys = _kv.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            return Task.FromResult(new QueryResult<IReadOnlyList<string>>(keys, Meta with { Index = _index }));
        }
    }

    public Task<bool> ApplyAsync(KvVerb verb, KvEntry entry, string? token, CancellationToken cancellationToken)
    {
        ThrowIfAsked();
        LastVerb = verb;
        LastEntry = entry;
        LastToken = token;
        lock (_gate)
        {
            _index++;
            switch (verb)
            {
                case KvVerb.Set:
                    _kv[entry.Key] = entry with { CreateIndex = _kv.TryGetValue(entry.Key, out var old) ? old.CreateIndex : _index, ModifyIndex = _index };
                    return Task.FromResult(true);
                case KvVerb.Cas:
                    var exists = _kv.TryGetValue(entry.Key, out var current);
                    if ((entry.ModifyIndex == 0 && exists) || (entry.ModifyIndex != 0 && (!exists || current!.ModifyIndex != entry.ModifyIndex)))
                    {
                        return Task.FromResult(false);
                    }

                    _kv[entry.Key] = entry with { CreateIndex = current?.CreateIndex ?? _index, ModifyIndex = _index };
                    return Task.FromResult(true);
                case KvVerb.Delete:
                    _kv.Remove(entry.Key);
                    return Task.FromResult(true);
                case KvVerb.DeleteCas:
                    return Task.FromResult(_kv.TryGetValue(entry.Key, out var c) && c.ModifyIndex == entry.ModifyIndex && _kv.Remove(entry.Key));
                default:
                    return Task.FromResult(false);
            }
        }
    }

    public Task<string> CreateAsync(Session request, string? token, CancellationToken cancellationToken)
    {
        ThrowIfAsked();
        LastSessionRequest = request;
        LastToken = token;
        var id = Guid.NewGuid().ToString();
        lock (_gate)
        {
            _index++;
            _sessions[id] = request with { ID = id, CreateIndex = _index, ModifyIndex = _index };
        }

        return Task.FromResult(id);
    }

    public Task DestroyAsync(string id, string? token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _sessions.Remove(id);
        }

        return Task.CompletedTask;
    }

    public Task<Session?> RenewAsync(string id, string? token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_sessions.GetValueOrDefault(id));
        }
    }

    Task<QueryResult<Session?>> ISessionRpc.GetAsync(string id, QueryOptions options, CancellationToken cancellationToken)
    {
        Observe(options);
        lock (_gate)
        {
            return Task.FromResult(new QueryResult<Session?>(_sessions.GetValueOrDefault(id), Meta with { Index = _index }));
        }
    }

    Task<QueryResult<IReadOnlyList<Session>>> ISessionRpc.ListAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        Observe(options);
        lock (_gate)
        {
            IReadOnlyList<Session> all = _sessions.Values.ToList();
            return Task.FromResult(new QueryResult<IReadOnlyList<Session>>(all, Meta with { Index = _index }));
        }
    }

    public Task<QueryResult<IReadOnlyList<Session>>> ListByNodeAsync(string node, QueryOptions options, CancellationToken cancellationToken)
    {
        Observe(options);
        lock (_gate)
        {
            IReadOnlyList<Session> all = _sessions.Values.Where(s => s.Node == node).ToList();
            return Task.FromResult(new QueryResult<IReadOnlyList<Session>>(all, Meta with { Index = _index }));
        }
    }

    public Task<QueryResult<TxnResponse>> ApplyAsync(IReadOnlyList<TxnOp> operations, QueryOptions options, CancellationToken cancellationToken)
    {
        Observe(options);
        LastTxn = operations;
        var response = NextTxnResponse ?? new TxnResponse
        {
            Results = operations.Select(o => new TxnResult { KV = new KvEntry { Key = o.KV!.Key, Value = o.KV.Value } }).ToList(),
        };
        return Task.FromResult(new QueryResult<TxnResponse>(response, Meta));
    }

    public Task<string> LeaderAsync(CancellationToken cancellationToken) => Task.FromResult("127.0.0.1:8300");

    public Task<IReadOnlyList<string>> PeersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(["127.0.0.1:8300"]);

    public Task<RaftConfiguration> RaftConfigurationAsync(QueryOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(new RaftConfiguration(
            [new RaftServerInfo { ID = "id-1", Node = "node-1", Address = "127.0.0.1:8300", Leader = true, LastIndex = 7 }], 7));

    // Autopilot is exercised against real agents (IntegrationTests/Status/AutopilotOperatorTests).
    public Task<AutopilotConfiguration> AutopilotConfigurationAsync(QueryOptions options, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<bool> SetAutopilotConfigurationAsync(AutopilotConfiguration configuration, ulong? cas, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<AutopilotHealth> AutopilotHealthAsync(QueryOptions options, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<AutopilotState> AutopilotStateAsync(QueryOptions options, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public async Task<ulong> SaveAsync(Stream destination, QueryOptions options, CancellationToken cancellationToken)
    {
        Observe(options);
        await destination.WriteAsync("archive-bytes"u8.ToArray(), cancellationToken);
        return 99;
    }

    public async Task RestoreAsync(Stream archive, string? token, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await archive.CopyToAsync(copy, cancellationToken);
        RestoredArchive = copy.ToArray();
        if (RestoredArchive.Length == 0)
        {
            throw new InvalidRequestException("snapshot archive is empty");
        }
    }

    private void Observe(QueryOptions options)
    {
        ThrowIfAsked();
        LastOptions = options;
        LastToken = options.Token;
    }

    private void ThrowIfAsked()
    {
        if (Throw is { } error)
        {
            throw error;
        }
    }
}
