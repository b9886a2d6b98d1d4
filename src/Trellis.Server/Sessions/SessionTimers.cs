using Trellis.Consensus;
using Trellis.Core.Formats;
using Trellis.Core.Sessions;
using Trellis.Server.Leader;
using Trellis.State.Commands;

namespace Trellis.Server.Sessions;

/// <summary>
/// The leader's TTL session timers (Consul's session timers): each TTL session is invalidated when it has not
/// been renewed for TTL × <see cref="ServerOptions.SessionTtlMultiplier"/>. Started for every TTL session when
/// this server gains leadership, reset by create and renew, cleared by destroy, all stopped on leadership loss.
/// </summary>
/// <remarks>Thread-safe: called from request threads and the leadership callback; timers fire on the thread pool. Locks its own map.</remarks>
public sealed class SessionTimers : IDisposable
{
    private const int MaxInvalidateAttempts = 6;
    private static readonly TimeSpan InvalidateRetryBase = TimeSpan.FromMilliseconds(100);

    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;
    private readonly TombstoneGc? _tombstones;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ArmedTimer> _timers = new(StringComparer.Ordinal);
    private readonly LeaderTerm _term;

    public SessionTimers(IRaftNode raft, TimeProvider time, TombstoneGc? tombstones = null)
    {
        _raft = raft;
        _time = time;
        _tombstones = tombstones;
        _term = new LeaderTerm(_lock, ClearLocked);
    }

    /// <summary>Number of armed timers (for tests and metrics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>Raised after a session was invalidated because its TTL expired (for tests and metrics).</summary>
    public event Action<string>? Expired;

    /// <summary>Arms a timer for every TTL session in the store, for one term of leadership.</summary>
    public void Start(CancellationToken leadership)
    {
        _term.Begin(leadership);

        var (sessions, _) = _raft.Store.Snapshot().SessionList();
        foreach (var session in sessions)
        {
            Reset(session);
        }
    }

    /// <summary>(Re)arms the timer of <paramref name="session"/>; no-op without a TTL or when not leader.</summary>
    public void Reset(Session session)
    {
        if (!TryGetTtl(session, out var ttl))
        {
            return;
        }

        lock (_lock)
        {
            if (_term.Current.IsCancellationRequested)
            {
                return;
            }

            var due = ttl * ServerOptions.SessionTtlMultiplier;
            var deadline = _time.GetUtcNow() + due;
            if (_timers.TryGetValue(session.ID, out var existing))
            {
                existing.Timer.Change(due, Timeout.InfiniteTimeSpan);
                _timers[session.ID] = existing with { Deadline = deadline };
                return;
            }

            var leadership = _term.Current;
            var id = session.ID;
            var timer = _time.CreateTimer(_ => _ = InvalidateAsync(id, leadership), null, due, Timeout.InfiniteTimeSpan);
            _timers[id] = new ArmedTimer(timer, deadline);
        }
    }

    /// <summary>Stops the timer of a destroyed session.</summary>
    public void Clear(string id)
    {
        lock (_lock)
        {
            if (_timers.Remove(id, out var armed))
            {
                armed.Timer.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _term.End();
    }

    private static bool TryGetTtl(Session session, out TimeSpan ttl)
    {
        ttl = TimeSpan.Zero;
        return !string.IsNullOrEmpty(session.TTL) && GoDuration.TryParse(session.TTL, out ttl) && ttl > TimeSpan.Zero;
    }

    private async Task InvalidateAsync(string id, CancellationToken leadership)
    {
        lock (_lock)
        {
            if (_timers.TryGetValue(id, out var armed))
            {
                // A renewal may have re-armed the timer after this callback was already queued (a busy thread pool
                // runs it late): then the session is not expired, so wait out the remaining time instead.
                var remaining = armed.Deadline - _time.GetUtcNow();
                if (remaining > TimeSpan.Zero)
                {
                    armed.Timer.Change(remaining, Timeout.InfiniteTimeSpan);
                    return;
                }

                _timers.Remove(id);
                armed.Timer.Dispose();
            }
        }

        for (var attempt = 1; attempt <= MaxInvalidateAttempts && !leadership.IsCancellationRequested; attempt++)
        {
            try
            {
                if (await TryInvalidateAsync(id, leadership).ConfigureAwait(false))
                {
                    return;
                }

                await Task.Delay(InvalidateRetryBase * attempt, _time, leadership).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Leadership ended: the next leader re-arms every TTL session.
                return;
            }
        }
    }

    private async Task<bool> TryInvalidateAsync(string id, CancellationToken leadership)
    {
        try
        {
            var (session, _) = _raft.Store.Snapshot().SessionGet(id);
            if (session is null)
            {
                return true;
            }

            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            await _raft.ApplyAsync(new SessionCommand(SessionOp.Destroy, session, now), leadership).ConfigureAwait(false);
            if (session.Behavior == SessionBehavior.Delete)
            {
                _tombstones?.Hint(_raft.Store.Snapshot().Index);
            }

            Expired?.Invoke(id);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    private void ClearLocked()
    {
        foreach (var armed in _timers.Values)
        {
            armed.Timer.Dispose();
        }

        _timers.Clear();
    }

    /// <summary>A session's timer and the time at which it is due, which renewals move.</summary>
    private sealed record ArmedTimer(ITimer Timer, DateTimeOffset Deadline);
}
