using Trellis.Consensus;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Core.Txn;
using Trellis.Server.Blocking;
using Trellis.Server.Leader;
using Trellis.State.Commands;

namespace Trellis.Server.Txn;

/// <summary>
/// Consul's <c>Txn.Apply</c> and <c>Txn.Read</c>: operations are validated first (errors come back in
/// <see cref="TxnResponse.Errors"/> with nothing applied); a transaction of reads only is served from a snapshot
/// honouring the consistency mode; anything else is proposed as one <see cref="TxnCommand"/>.
/// </summary>
/// <remarks>Thread-safe; holds no per-request state.</remarks>
public sealed class TxnEndpoint : ITxnRpc
{
    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;
    private readonly TxnValidator _validator;
    private readonly BlockingQueryRunner _queries;
    private readonly TombstoneGc? _tombstones;

    public TxnEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options)
        : this(raft, time, options, null)
    {
    }

    public TxnEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options, TombstoneGc? tombstones)
    {
        _raft = raft;
        _time = time;
        _validator = new TxnValidator(options);
        _queries = new BlockingQueryRunner(raft, time);
        _tombstones = tombstones;
    }

    public async Task<QueryResult<TxnResponse>> ApplyAsync(IReadOnlyList<TxnOp> operations, QueryOptions options, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (TxnValidator.IsReadOnly(operations))
        {
            await _queries.EnsureReadableAsync(options, cancellationToken).ConfigureAwait(false);
            var snapshot = _raft.Store.Snapshot();
            var read = _validator.Prepare(operations, snapshot, now);
            var response = read.Errors.Count > 0 ? new TxnResponse { Errors = read.Errors } : snapshot.ReadTxn(read.Operations).Response;
            return new QueryResult<TxnResponse>(response, _queries.Meta(snapshot.Index));
        }

        var prepared = _validator.Prepare(operations, _raft.Store.Snapshot(), now);
        if (prepared.Errors.Count > 0)
        {
            return new QueryResult<TxnResponse>(new TxnResponse { Errors = prepared.Errors }, _queries.Meta(_raft.Store.Snapshot().Index));
        }

        var result = await _raft.ApplyAsync(new TxnCommand(prepared.Operations, now), cancellationToken).ConfigureAwait(false);
        var applied = result as TxnResponse ?? new TxnResponse { Results = [] };
        var index = _raft.Store.Snapshot().Index;
        if (applied.Errors is not { Count: > 0 } && operations.Any(MayLeaveTombstones))
        {
            _tombstones?.Hint(index);
        }

        return new QueryResult<TxnResponse>(applied, _queries.Meta(index));
    }

    /// <summary>
    /// KV deletes leave tombstones; so can catalog writes, through the sessions they invalidate (a session with the
    /// delete behaviour removes its keys).
    /// </summary>
    private static bool MayLeaveTombstones(TxnOp op) =>
        op.KV?.Verb is KvVerb.Delete or KvVerb.DeleteTree or KvVerb.DeleteCas || (op.KV is null && op.IsWrite);
}
