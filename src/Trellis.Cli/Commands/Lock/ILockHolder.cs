namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// What <c>trellis lock</c> needs of a lock or a semaphore (Consul's LockUnlock): acquire, notice loss, release,
/// clean up.
/// </summary>
/// <remarks>Driven by one flow at a time; <see cref="Lost"/> may be awaited from any thread.</remarks>
public interface ILockHolder : IAsyncDisposable
{
    /// <summary>The session the holder created, once created.</summary>
    string? Session { get; }

    /// <summary>Completes when a held lock is lost.</summary>
    Task Lost { get; }

    /// <summary>
    /// Creates the session and blocks until held (true), or gives up (false) when <paramref name="stop"/> fires or a
    /// one-shot wait ends. Throws <see cref="LockException"/> on failure.
    /// </summary>
    Task<bool> AcquireAsync(CancellationToken stop);

    /// <summary>Releases the lock and destroys the session. Throws <see cref="LockException"/> on failure.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the lock's key when unused: true when removed or absent, false when still in use.</summary>
    Task<bool> CleanupAsync(CancellationToken cancellationToken);
}
