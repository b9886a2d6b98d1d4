namespace Trellis.Agent.Checks;

/// <summary>The start/stop plumbing shared by every runner: one loop task per runner, cancelled on stop.</summary>
/// <remarks>
/// Start/StopAsync/DisposeAsync are thread-safe and idempotent (guarded by a lock); the loop itself runs on one
/// thread-pool task at a time.
/// </remarks>
internal abstract class LoopRunner : ICheckRunner
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;
    private bool stopped;

    protected LoopRunner(string checkId, string type)
    {
        CheckId = checkId;
        Type = type;
    }

    public string CheckId { get; }

    public string Type { get; }

    public void Start()
    {
        lock (gate)
        {
            if (stopped)
            {
                throw new InvalidOperationException($"Check {CheckId} was stopped; build a new runner.");
            }

            loop ??= Task.Run(() => RunLoopAsync(stopping.Token));
        }
    }

    public async Task StopAsync()
    {
        Task? running;
        lock (gate)
        {
            if (!stopped)
            {
                stopped = true;
                stopping.Cancel();
            }

            running = loop;
        }

        if (running is not null)
        {
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        OnStopped();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The runner's loop; returns when <paramref name="stop"/> is cancelled.</summary>
    protected abstract Task RunLoopAsync(CancellationToken stop);

    /// <summary>Releases what the runner holds, after the loop has exited.</summary>
    protected virtual void OnStopped()
    {
    }
}
