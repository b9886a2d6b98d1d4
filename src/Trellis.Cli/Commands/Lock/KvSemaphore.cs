using System.Text.Json;
using Trellis.Api;
using Trellis.Cli.Commands.Common;
using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Sessions;

namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// A semaphore with <c>Limit</c> holders under a prefix, following Consul's api.Semaphore: a delete-behavior TTL
/// session, a contender key <c>PREFIX/&lt;session&gt;</c> acquired by that session, and the coordination key
/// <c>PREFIX/.lock</c> holding <see cref="SemaphoreDocument"/>, updated with check-and-set. Holders whose session no
/// longer holds any key under the prefix are pruned before counting.
/// </summary>
/// <remarks>
/// Driven by one flow (acquire, release, cleanup); the monitor loop runs on the thread pool; <see cref="Lost"/> may be
/// awaited from any thread.
/// </remarks>
public sealed class KvSemaphore : SessionLockHolder
{
    /// <summary>Consul compat: api.SemaphoreFlagValue, the flags value of every key a semaphore writes.</summary>
    public const ulong SemaphoreFlagValue = 0xe0f69a2baa414de0;

    private readonly string _prefix;
    private readonly int _limit;

    /// <param name="settings">Settings whose <see cref="LockSettings.Key"/> is <c>PREFIX/.lock</c>.</param>
    public KvSemaphore(TrellisClient client, LockSettings settings, string prefix, int limit)
        : base(client, settings, SessionBehavior.Delete)
    {
        _prefix = prefix;
        _limit = limit;
    }

    /// <inheritdoc/>
    protected override async Task<bool> ContendAsync(string session, CancellationToken stop)
    {
        bool made;
        try
        {
            made = await Client.Kv.AcquireAsync(ContenderEntry(session), null, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            throw new LockException($"failed to make contender entry: {ex.Message}", ex);
        }

        if (!made)
        {
            // Consul compat: Go prints the nil error here.
            throw new LockException("failed to make contender entry: <nil>");
        }

        var budget = new ContentionBudget(Settings);
        ulong index = 0;
        while (true)
        {
            if (stop.IsCancellationRequested || !budget.TryNext(out var wait))
            {
                return false;
            }

            var list = await ListAsync(index, wait, ConsistencyMode.Default, stop).ConfigureAwait(false);
            var lockPair = FindLock(list.Value);
            if (lockPair.Flags != SemaphoreFlagValue)
            {
                throw new LockException("Existing key does not match semaphore use");
            }

            var holders = Decode(lockPair, out var limit);
            if (limit != _limit)
            {
                throw new LockException($"semaphore limit conflict (lock: {limit}, local: {_limit})");
            }

            Prune(holders, list.Value);
            if (holders.Count >= limit)
            {
                index = list.Meta.Index;
                continue;
            }

            holders.Add(session);
            bool set;
            try
            {
                set = await Client.Kv.CasAsync(Encode(holders, lockPair.ModifyIndex), null, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                throw new LockException($"failed to update lock: {ex.Message}", ex);
            }

            if (set)
            {
                return true;
            }

            // Lost a race with another contender: read again.
            index = 0;
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
                QueryResult<IReadOnlyList<KvEntry>> list;
                try
                {
                    list = await ListAsync(index, Settings.BlockingWait, ConsistencyMode.Consistent, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (LockException ex) when (retries > 0 && KvLock.IsRetryable(ex.InnerException))
                {
                    retries--;
                    index = 0;
                    await Task.Delay(Settings.MonitorRetryWait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var holders = Decode(FindLock(list.Value), out _);
                Prune(holders, list.Value);
                if (!holders.Contains(session))
                {
                    return;
                }

                retries = Settings.MonitorRetries;
                index = list.Meta.Index;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by release: not a loss.
        }
        catch (LockException)
        {
            // Consul compat: an unretryable read or decode error counts as losing the slot.
        }
        finally
        {
            ReportLost();
        }
    }

    public override async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!Held || OwnSession is null)
        {
            throw new LockException("Semaphore not held");
        }

        Held = false;
        var session = OwnSession.Id;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var read = await Client.Kv.GetAsync(Settings.Key, null, cancellationToken).ConfigureAwait(false);
                var pair = read.Value ?? new KvEntry { Key = Settings.Key };
                var holders = Decode(pair, out _);
                if (!holders.Remove(session))
                {
                    break;
                }

                if (await Client.Kv.CasAsync(Encode(holders, pair.ModifyIndex), null, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                if (attempt >= 100)
                {
                    throw new LockException("failed to update lock: too many conflicting updates");
                }
            }

            await Client.Kv.DeleteAsync(ContenderKey(session), null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            throw new LockException(ex.Message, ex);
        }
        finally
        {
            await OwnSession.StopAsync().ConfigureAwait(false);
        }
    }

    public override async Task<bool> CleanupAsync(CancellationToken cancellationToken)
    {
        if (Held)
        {
            throw new LockException("Semaphore already held");
        }

        var list = await ListAsync(0, TimeSpan.Zero, ConsistencyMode.Default, cancellationToken).ConfigureAwait(false);
        var lockPair = FindLock(list.Value);
        if (lockPair.ModifyIndex == 0)
        {
            return true;
        }

        if (lockPair.Flags != SemaphoreFlagValue)
        {
            throw new LockException("Existing key does not match semaphore use");
        }

        var holders = Decode(lockPair, out _);
        Prune(holders, list.Value);
        if (holders.Count > 0)
        {
            return false;
        }

        try
        {
            return await Client.Kv.DeleteCasAsync(lockPair.Key, lockPair.ModifyIndex, null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            throw new LockException($"failed to remove semaphore: {ex.Message}", ex);
        }
    }

    private async Task<QueryResult<IReadOnlyList<KvEntry>>> ListAsync(ulong index, TimeSpan wait, ConsistencyMode mode,
        CancellationToken cancellationToken)
    {
        try
        {
            return await Client.Kv.ListAsync(_prefix, new QueryOptions
            {
                MinQueryIndex = index,
                MaxQueryTime = index > 0 ? wait : TimeSpan.Zero,
                Consistency = mode,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            throw new LockException($"failed to read prefix: {ex.Message}", ex);
        }
    }

    /// <summary>The coordination entry, or an empty one with the semaphore flags when absent (Consul's findLock).</summary>
    private KvEntry FindLock(IReadOnlyList<KvEntry> pairs) =>
        pairs.FirstOrDefault(p => p.Key == Settings.Key) ?? new KvEntry { Key = Settings.Key, Flags = SemaphoreFlagValue };

    private SortedSet<string> Decode(KvEntry pair, out int limit)
    {
        if (pair.Value is null)
        {
            limit = _limit;
            return new SortedSet<string>(StringComparer.Ordinal);
        }

        SemaphoreDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(pair.Value, CliJsonContext.Default.SemaphoreDocument);
        }
        catch (JsonException ex)
        {
            throw new LockException($"lock decoding failed: {ex.Message}", ex);
        }

        limit = document?.Limit ?? 0;
        var holders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (holder, _) in document?.Holders ?? [])
        {
            holders.Add(holder);
        }

        return holders;
    }

    private KvEntry Encode(SortedSet<string> holders, ulong modifyIndex)
    {
        var document = new SemaphoreDocument { Limit = _limit, Holders = holders.ToDictionary(h => h, _ => true, StringComparer.Ordinal) };
        return new KvEntry
        {
            Key = Settings.Key,
            Value = JsonSerializer.SerializeToUtf8Bytes(document, CliJsonContext.Default.SemaphoreDocument),
            Flags = SemaphoreFlagValue,
            ModifyIndex = modifyIndex,
        };
    }

    /// <summary>Removes holders whose session holds no key under the prefix (Consul's pruneDeadHolders).</summary>
    private static void Prune(SortedSet<string> holders, IReadOnlyList<KvEntry> pairs)
    {
        var alive = pairs.Where(p => !string.IsNullOrEmpty(p.Session)).Select(p => p.Session!).ToHashSet(StringComparer.Ordinal);
        holders.RemoveWhere(h => !alive.Contains(h));
    }

    private string ContenderKey(string session) => LockCommand.JoinKey(_prefix, session);

    private KvEntry ContenderEntry(string session) =>
        new() { Key = ContenderKey(session), Flags = SemaphoreFlagValue, Session = session, Value = [] };
}
