namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// How long each blocking read of a lock or semaphore contender may wait: <c>-try</c>'s total spread over the
/// attempts (none left once it is spent), else the plain blocking wait every time, as Consul's lock helpers do.
/// </summary>
/// <remarks>One per acquisition; not thread-safe.</remarks>
internal sealed class ContentionBudget(LockSettings settings)
{
    private readonly DateTime _start = DateTime.UtcNow;
    private int _attempts;

    /// <summary>The wait for the next read, or false when <c>-try</c>'s time is used up.</summary>
    public bool TryNext(out TimeSpan wait)
    {
        wait = settings.TryOnceWait ?? settings.BlockingWait;
        if (settings.TryOnceWait is { } total && _attempts > 0)
        {
            var elapsed = DateTime.UtcNow - _start;
            if (elapsed > total)
            {
                return false;
            }

            wait = total - elapsed;
        }

        _attempts++;
        return true;
    }
}
