using Trellis.Api;
using Trellis.Api.Sessions;
using Trellis.Cli.Commands.Common;
using Trellis.Core.Formats;
using Trellis.Core.Sessions;

namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// The TTL session a lock or semaphore creates for itself: renewed every half TTL in the background until stopped,
/// then destroyed.
/// </summary>
/// <remarks>Created and stopped by one flow; the renew loop runs on the thread pool and touches only its own state.</remarks>
public sealed class LockSession : IAsyncDisposable
{
    private readonly TrellisClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renew;

    private LockSession(TrellisClient client, string id, TimeSpan ttl)
    {
        _client = client;
        Id = id;
        _renew = SessionRenewer.RunAsync(client, id, ttl, _stop.Token);
    }

    public string Id { get; }

    /// <summary>Cancelled when the session is stopped: background loops tied to the session end with it.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Creates the session; throws <see cref="LockException"/> with Consul's wording when the agent refuses.</summary>
    public static async Task<LockSession> CreateAsync(TrellisClient client, string name, TimeSpan ttl,
        SessionBehavior behavior, CancellationToken cancellationToken)
    {
        try
        {
            var id = await client.Session.CreateAsync(new SessionCreateRequest
            {
                Name = name,
                TTL = GoDuration.Format(ttl),
                Behavior = behavior,
            }, null, cancellationToken).ConfigureAwait(false);
            return new LockSession(client, id, ttl);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            throw new LockException($"failed to create session: {ex.Message}", ex);
        }
    }

    /// <summary>Stops renewing and destroys the session (best effort, bounded). Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renew.ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _client.Session.DestroyAsync(Id, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex) || ex is OperationCanceledException)
        {
            // Consul compat: the destroy is best effort; the session expires after its TTL anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
