using System.Net;
using Trellis.Api;
using Trellis.Cli.Commands.Common;
using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Sessions;

namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// A single-holder lock on one key, following Consul's api.Lock algorithm: a TTL session renewed every half TTL,
/// blocking reads of the key while another session holds it, an acquire with the lock flags value, a consistent
/// blocking monitor that reports the lock lost when the key stops naming our session, an explicit release that also
/// destroys the session, and a cleanup that deletes the key (check-and-set) when nobody holds it.
/// </summary>
/// <remarks>
/// One run drives it from one logical flow: <see cref="AcquireAsync"/>, then <see cref="ReleaseAsync"/>, then
/// <see cref="CleanupAsync"/>. The renew and monitor loops run on the thread pool and only touch their own state;
/// <see cref="Lost"/> may be awaited from any thread.
/// </remarks>
public sealed class KvLock : ILockHolder
{
    private readonly TrellisClient _client;
    private readonly LockSettings _settings;
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LockSession? _lockSession;
    private string? _session;
    private bool _held;

    public KvLock(TrellisClient client, LockSettings settings)
    {
        _client = client;
        _settings = settings;
    }

    /// <summary>Completes when the held lock is lost (key no longer ours, or the agent unreachable past retries).</summary>
    public Task Lost => _lost.Task;

    /// <inheritdoc/>
    public string? Session => _session;

    /// <inheritdoc/>
    public async Task<bool> AcquireAsync(CancellationToken stop)
    {
        _lockSession = await LockSession.CreateAsync(_client, _settings.SessionName, _settings.SessionTtl,
            SessionBehavior.Release, stop).ConfigureAwait(false);
        _session = _lockSession.Id;
        try
        {
            _held = await ContendAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            _held = false;
        }
        finally
        {
            if (!_held)
            {
                await StopSessionAsync().ConfigureAwait(false);
            }
        }

        if (_held)
        {
            _ = MonitorAsync(_session, _lockSession.Stopping);
        }

        return _held;
    }

    private async Task<bool> ContendAsync(CancellationToken stop)
    {
        var budget = new ContentionBudget(_settings);
        ulong index = 0;
        while (true)
        {
            if (stop.IsCancellationRequested || !budget.TryNext(out var wait))
            {
                return false;
            }

            var read = await ReadAsync(index, wait, ConsistencyMode.Default, stop).ConfigureAwait(false);
            var pair = read.Value;
            if (pair is not null && pair.Flags != LockSettings.LockFlagValue)
            {
                throw new LockException("Existing key does not match lock use");
            }

            if (pair is not null && pair.Session == _session)
            {
                return true;
            }

            if (pair is not null && !string.IsNullOrEmpty(pair.Session))
            {
                index = read.Meta.Index;
                continue;
            }

            bool locked;
            try
            {
                locked = await _client.Kv.AcquireAsync(Entry(), null, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                throw new LockException($"failed to acquire lock: {ex.Message}", ex);
            }

            if (locked)
            {
                return true;
            }

            // Lost the race, or a lock-delay is in force: wait on the new holder, or pause before retrying.
            var again = await ReadAsync(0, wait, ConsistencyMode.Default, stop).ConfigureAwait(false);
            if (again.Value is { Session: { Length: > 0 } })
            {
                index = again.Meta.Index;
                continue;
            }

            index = 0;
            await Task.Delay(_settings.RetryWait, stop).ConfigureAwait(false);
        }
    }

    private async Task<QueryResult<KvEntry?>> ReadAsync(ulong index, TimeSpan wait, ConsistencyMode mode,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Kv.GetAsync(_settings.Key, new QueryOptions
            {
                MinQueryIndex = index,
                MaxQueryTime = index > 0 ? wait : TimeSpan.Zero,
                Consistency = mode,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            throw new LockException($"failed to read lock: {ex.Message}", ex);
        }
    }

    private async Task MonitorAsync(string session, CancellationToken cancellationToken)
    {
        try
        {
            ulong index = 0;
            var retries = _settings.MonitorRetries;
            while (!cancellationToken.IsCancellationRequested)
            {
                QueryResult<KvEntry?> read;
                try
                {
                    read = await _client.Kv.GetAsync(_settings.Key, new QueryOptions
                    {
                        MinQueryIndex = index,
                        MaxQueryTime = index > 0 ? _settings.BlockingWait : TimeSpan.Zero,
                        Consistency = ConsistencyMode.Consistent,
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ApiFailure.Is(ex) && retries > 0 && IsRetryable(ex))
                {
                    retries--;
                    index = 0;
                    await Task.Delay(_settings.MonitorRetryWait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (read.Value is null || read.Value.Session != session)
                {
                    return;
                }

                retries = _settings.MonitorRetries;
                index = read.Meta.Index;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by release: not a loss.
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            // Consul compat: an unretryable read error counts as losing the lock.
        }
        finally
        {
            _lost.TrySetResult();
        }
    }

    /// <summary>Consul's api.IsRetryableError: a 5xx answer or a transport failure.</summary>
    internal static bool IsRetryable(Exception? ex) =>
        ex is HttpRequestException or IOException
        || (ex is ApiException api && (int)api.StatusCode >= (int)HttpStatusCode.InternalServerError);

    /// <inheritdoc/>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!_held)
        {
            throw new LockException("Lock not held");
        }

        _held = false;
        try
        {
            await _client.Kv.ReleaseAsync(Entry(), null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            throw new LockException($"failed to release lock: {ex.Message}", ex);
        }
        finally
        {
            await StopSessionAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<bool> CleanupAsync(CancellationToken cancellationToken)
    {
        if (_held)
        {
            throw new LockException("Lock already held");
        }

        var read = await ReadAsync(0, TimeSpan.Zero, ConsistencyMode.Default, cancellationToken).ConfigureAwait(false);
        var pair = read.Value;
        if (pair is null)
        {
            return true;
        }

        if (pair.Flags != LockSettings.LockFlagValue)
        {
            throw new LockException("Existing key does not match lock use");
        }

        if (!string.IsNullOrEmpty(pair.Session))
        {
            return false;
        }

        try
        {
            return await _client.Kv.DeleteCasAsync(pair.Key, pair.ModifyIndex, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            throw new LockException($"failed to remove lock: {ex.Message}", ex);
        }
    }

    private KvEntry Entry() => new() { Key = _settings.Key, Flags = LockSettings.LockFlagValue, Session = _session, Value = [] };

    private Task StopSessionAsync() => _lockSession?.StopAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_lockSession is not null)
        {
            await _lockSession.DisposeAsync().ConfigureAwait(false);
        }
    }
}
