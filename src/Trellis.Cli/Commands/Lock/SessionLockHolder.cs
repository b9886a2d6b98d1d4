using Trellis.Api;
using Trellis.Core.Sessions;

namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// What a lock and a semaphore share (Consul's api.Lock and api.Semaphore follow the same steps): create a renewed
/// TTL session, contend until held or given up, stop the session when not held, start watching for loss when held,
/// and let the loss be awaited.
/// </summary>
/// <remarks>
/// Driven by one flow (acquire, release, cleanup); the monitor loop runs on the thread pool and reports through
/// <see cref="ReportLost"/>; <see cref="Lost"/> may be awaited from any thread.
/// </remarks>
public abstract class SessionLockHolder : ILockHolder
{
    private readonly SessionBehavior _behavior;
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected SessionLockHolder(TrellisClient client, LockSettings settings, SessionBehavior behavior)
    {
        Client = client;
        Settings = settings;
        _behavior = behavior;
    }

    /// <inheritdoc/>
    public string? Session => OwnSession?.Id;

    /// <summary>Completes when the held lock is lost (no longer ours, or the agent unreachable past retries).</summary>
    public Task Lost => _lost.Task;

    protected TrellisClient Client { get; }

    protected LockSettings Settings { get; }

    /// <summary>The renewed session, once created.</summary>
    protected LockSession? OwnSession { get; private set; }

    /// <summary>Whether the lock is held right now.</summary>
    protected bool Held { get; set; }

    /// <inheritdoc/>
    public async Task<bool> AcquireAsync(CancellationToken stop)
    {
        var session = await LockSession.CreateAsync(Client, Settings.SessionName, Settings.SessionTtl, _behavior, stop).ConfigureAwait(false);
        OwnSession = session;
        try
        {
            Held = await ContendAsync(session.Id, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Held = false;
        }
        finally
        {
            if (!Held)
            {
                await StopSessionAsync().ConfigureAwait(false);
            }
        }

        if (Held)
        {
            _ = MonitorAsync(session.Id, session.Stopping);
        }

        return Held;
    }

    /// <inheritdoc/>
    public abstract Task ReleaseAsync(CancellationToken cancellationToken);

    /// <inheritdoc/>
    public abstract Task<bool> CleanupAsync(CancellationToken cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (OwnSession is not null)
        {
            await OwnSession.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Blocks until held by <paramref name="session"/> (true) or given up (false).</summary>
    protected abstract Task<bool> ContendAsync(string session, CancellationToken stop);

    /// <summary>Watches a held lock until <paramref name="cancellationToken"/> (a release) or a loss, then reports the loss.</summary>
    protected abstract Task MonitorAsync(string session, CancellationToken cancellationToken);

    protected void ReportLost() => _lost.TrySetResult();

    protected Task StopSessionAsync() => OwnSession?.StopAsync() ?? Task.CompletedTask;
}
