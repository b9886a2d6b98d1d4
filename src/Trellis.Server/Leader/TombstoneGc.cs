using Trellis.Consensus;
using Trellis.State.Commands;

namespace Trellis.Server.Leader;

/// <summary>
/// The leader's KV tombstone collector (Consul's TombstoneGC): writes that may leave tombstones hint the index they
/// committed at; hints are bucketed by expiry time (now + TTL, rounded up to the granularity) and when a bucket
/// expires the leader proposes a <see cref="TombstoneReapCommand"/> up to the highest index in it.
/// Hints are ignored while this server is not the leader; pending buckets are dropped on leadership loss.
/// </summary>
/// <remarks>Thread-safe: <see cref="Hint"/> from any request thread; timers fire on the thread pool. Locks its own state.</remarks>
public sealed class TombstoneGc : IDisposable
{
    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _granularity;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, (ulong Index, ITimer Timer)> _buckets = [];
    private readonly LeaderTerm _term;

    public TombstoneGc(IRaftNode raft, TimeProvider time, ServerOptions options)
    {
        _raft = raft;
        _time = time;
        _ttl = options.TombstoneTtl;
        _granularity = options.TombstoneGranularity > TimeSpan.Zero ? options.TombstoneGranularity : TimeSpan.FromSeconds(1);
        _term = new LeaderTerm(_lock, ClearLocked);
    }

    /// <summary>Number of pending expiry buckets (for tests and metrics).</summary>
    public int PendingBuckets
    {
        get
        {
            lock (_lock)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>Raised after a reap command was applied, with its reap index (for tests and metrics).</summary>
    public event Action<ulong>? Reaped;

    /// <summary>Starts collecting for one term of leadership; <paramref name="leadership"/> is cancelled when it ends.</summary>
    public void Start(CancellationToken leadership)
    {
        _term.Begin(leadership);
    }

    /// <summary>Records that tombstones may exist at or below <paramref name="index"/>.</summary>
    public void Hint(ulong index)
    {
        lock (_lock)
        {
            if (_term.Current.IsCancellationRequested)
            {
                return;
            }

            var expires = _time.GetUtcNow() + _ttl;
            var granule = _granularity.Ticks;
            var bucket = (expires.UtcTicks + granule - 1) / granule * granule;
            if (_buckets.TryGetValue(bucket, out var existing))
            {
                _buckets[bucket] = (Math.Max(existing.Index, index), existing.Timer);
                return;
            }

            var due = new DateTimeOffset(bucket, TimeSpan.Zero) - _time.GetUtcNow();
            var leadership = _term.Current;
            var timer = _time.CreateTimer(_ => _ = ExpireAsync(bucket, leadership), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
            _buckets[bucket] = (index, timer);
        }
    }

    public void Dispose()
    {
        _term.End();
    }

    private async Task ExpireAsync(long bucket, CancellationToken leadership)
    {
        ulong index;
        lock (_lock)
        {
            if (!_buckets.Remove(bucket, out var entry))
            {
                return;
            }

            entry.Timer.Dispose();
            index = entry.Index;
        }

        try
        {
            await _raft.ApplyAsync(new TombstoneReapCommand(index), leadership).ConfigureAwait(false);
            Reaped?.Invoke(index);
        }
        catch (Exception)
        {
            // Leadership ended or the proposal failed: a later bucket reaps everything up to its own, higher index.
        }
    }

    private void ClearLocked()
    {
        foreach (var (_, timer) in _buckets.Values)
        {
            timer.Dispose();
        }

        _buckets.Clear();
    }
}
