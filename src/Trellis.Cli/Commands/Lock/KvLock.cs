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
public sealed class KvLock(TrellisClient client, LockSettings settings)
    : SessionLockHolder(client, settings, SessionBehavior.Release)
{
    /// <inheritdoc/>
    protected override async Task<bool> ContendAsync(string session, CancellationToken stop)
    {
        var budget = new ContentionBudget(Settings);
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

            if (pair is not null && pair.Session == session)
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
                locked = await Client.Kv.AcquireAsync(Entry(), null, stop).ConfigureAwait(false);
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
            await Task.Delay(Settings.RetryWait, stop).ConfigureAwait(false);
        }
    }

    private async Task<QueryResult<KvEntry?>> ReadAsync(ulong index, TimeSpan wait, ConsistencyMode mode,
        CancellationToken cancellationToken)
    {
        try
        {
            return await Client.Kv.GetAsync(Settings.Key, new QueryOptions
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

    /// <inheritdoc/>
    protected override async Task MonitorAsync(string session, CancellationToken cancellationToken)
    {
        try
        {
            ulong index = 0;
            var retries = Settings.MonitorRetries;
            while (!cancellationToken.IsCancellationRequested)
            {
                QueryResult<KvEntry?> read;
                try
                {
                    read = await Client.Kv.GetAsync(Settings.Key, new QueryOptions
                    {
                        MinQueryIndex = index,
                        MaxQueryTime = index > 0 ? Settings.BlockingWait : TimeSpan.Zero,
                        Consistency = ConsistencyMode.Consistent,
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ApiFailure.Is(ex) && retries > 0 && IsRetryable(ex))
                {
                    retries--;
                    index = 0;
                    await Task.Delay(Settings.MonitorRetryWait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (read.Value is null || read.Value.Session != session)
                {
                    return;
                }

                retries = Settings.MonitorRetries;
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
            ReportLost();
        }
    }

    /// <summary>Consul's api.IsRetryableError: a 5xx answer or a transport failure.</summary>
    internal static bool IsRetryable(Exception? ex) =>
        ex is HttpRequestException or IOException
        || (ex is ApiException api && (int)api.StatusCode >= (int)HttpStatusCode.InternalServerError);

    /// <inheritdoc/>
    public override async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!Held)
        {
            throw new LockException("Lock not held");
        }

        Held = false;
        try
        {
            await Client.Kv.ReleaseAsync(Entry(), null, cancellationToken).ConfigureAwait(false);
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
    public override async Task<bool> CleanupAsync(CancellationToken cancellationToken)
    {
        if (Held)
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
            return await Client.Kv.DeleteCasAsync(pair.Key, pair.ModifyIndex, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            throw new LockException($"failed to remove lock: {ex.Message}", ex);
        }
    }

    private KvEntry Entry() => new() { Key = Settings.Key, Flags = LockSettings.LockFlagValue, Session = Session, Value = [] };
}
