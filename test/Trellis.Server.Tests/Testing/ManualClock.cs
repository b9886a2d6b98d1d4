namespace Trellis.Server.Tests.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose time only moves when a test says so, and whose due timer callbacks are handed
/// to the test to run when it chooses, so that a callback running late can be reproduced exactly.
/// </summary>
/// <remarks>Not thread-safe beyond what the tests using it need: one test drives it from one thread.</remarks>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, () => callback(state));
        timer.Change(dueTime, period);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>The callbacks of every live timer that is due now; each timer is disarmed, as if it had fired.</summary>
    public IReadOnlyList<Action> TakeDueCallbacks()
    {
        lock (_timers)
        {
            var due = _timers.Where(t => !t.Disposed && t.DueAt <= _now).ToList();
            foreach (var timer in due)
            {
                timer.DueAt = DateTimeOffset.MaxValue;
            }

            return due.Select(t => t.Callback).ToList();
        }
    }

    private sealed class ManualTimer(ManualClock clock, Action callback) : ITimer
    {
        public Action Callback { get; } = callback;

        public DateTimeOffset DueAt { get; set; } = DateTimeOffset.MaxValue;

        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : clock._now + dueTime;
            return !Disposed;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
