using Trellis.Consensus;
using Trellis.Core.Errors;
using Trellis.Core.Queries;
using Trellis.State;
using Trellis.State.Watches;

namespace Trellis.Server.Blocking;

/// <summary>
/// Runs reads with Consul's blocking-query semantics: the query runs on a snapshot with a fresh
/// <see cref="WatchSet"/>; when the caller asked to block (<see cref="QueryOptions.MinQueryIndex"/> &gt; 0) and the
/// result index is not newer, the watch is armed and the query re-runs when a commit touches what it read,
/// until the wait (plus jitter) ends or the caller cancels. Every watch set is disposed, whatever happens.
/// </summary>
/// <remarks>Thread-safe: any number of queries at once; each run owns its own watch sets.</remarks>
public sealed class BlockingQueryRunner
{
    /// <summary>Consul's <c>JitterFraction</c>: up to wait/16 is added to spread wake-ups.</summary>
    public const int JitterFraction = 16;

    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;

    public BlockingQueryRunner(IRaftNode raft, TimeProvider time)
    {
        _raft = raft;
        _time = time;
    }

    /// <summary>The wait a blocking query gets: 0 means the default, capped at the maximum, plus random jitter.</summary>
    public static TimeSpan EffectiveWait(TimeSpan requested, double jitterSample)
    {
        var wait = QueryOptions.BlockingWait(requested);
        return wait + (wait / JitterFraction * Math.Clamp(jitterSample, 0, 1));
    }

    /// <summary>
    /// Checks the consistency mode: <c>consistent</c> confirms leadership; the default needs a known leader;
    /// <c>stale</c> may be served by any server.
    /// </summary>
    public async Task EnsureReadableAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        switch (options.Consistency)
        {
            case ConsistencyMode.Consistent:
                try
                {
                    await _raft.VerifyLeadershipAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (NotLeaderException e)
                {
                    throw new NoLeaderException("No cluster leader", e);
                }

                break;
            case ConsistencyMode.Stale:
                break;
            default:
                // Forwarding to the leader is future work: a follower answers only while it knows a leader.
                if (!_raft.IsLeader && _raft.LeaderAddress is null)
                {
                    throw new NoLeaderException("No cluster leader");
                }

                break;
        }
    }

    /// <summary>The meta of a result at <paramref name="index"/> (0 is reported as 1: Consul never returns index 0).</summary>
    public QueryMeta Meta(ulong index) => new()
    {
        // Consul compat: index 0 would make clients spin without blocking.
        Index = index == 0 ? 1 : index,
        KnownLeader = _raft.IsLeader || _raft.LeaderAddress is not null,
        LastContact = _raft.IsLeader ? TimeSpan.Zero : _raft.LastContact,
    };

    /// <summary>Runs <paramref name="query"/> (returning its value and the index it depends on) per <paramref name="options"/>.</summary>
    public async Task<QueryResult<T>> RunAsync<T>(
        QueryOptions options,
        Func<StoreSnapshot, WatchSet?, (T Value, ulong Index)> query,
        CancellationToken cancellationToken)
    {
        await EnsureReadableAsync(options, cancellationToken).ConfigureAwait(false);
        var store = _raft.Store;
        if (options.MinQueryIndex == 0)
        {
            var (value, index) = query(store.Snapshot(), null);
            return new QueryResult<T>(value, Meta(index));
        }

        var wait = EffectiveWait(options.MaxQueryTime, Random.Shared.NextDouble());
        using var timeout = new CancellationTokenSource(wait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        ulong? previousSnapshotIndex = null;
        while (true)
        {
            var snapshot = store.Snapshot();
            using var watch = new WatchSet();
            var (value, index) = query(snapshot, watch);

            // Index 0 is reported as 1. No write can carry index 1 (the bootstrap entry occupies it, as in Consul), so
            // the first write to what this query read is always newer than a client's placeholder 1.
            var reported = index == 0 ? 1 : index;
            var restored = previousSnapshotIndex is { } previous && snapshot.Index < previous;
            if (reported > options.MinQueryIndex || restored)
            {
                // Consul compat: after a restore the index may go backwards; return and let the client reset.
                return new QueryResult<T>(value, Meta(index));
            }

            previousSnapshotIndex = snapshot.Index;
            store.Register(watch, snapshot);
            try
            {
                await watch.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The wait ended with nothing new: answer with the same index.
                return new QueryResult<T>(value, Meta(index));
            }

            if (options.Consistency == ConsistencyMode.Consistent)
            {
                await EnsureReadableAsync(options, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
