namespace Trellis.Cli.Commands.Lock;

/// <summary>How one <c>trellis lock</c> run contends for its lock: Consul's lock-helper defaults unless overridden.</summary>
public sealed record LockSettings
{
    /// <summary>Consul compat: api.LockFlagValue, the magic flags value marking a key as a lock or semaphore key.</summary>
    public const ulong LockFlagValue = 0x2ddccbc058a50c18;

    /// <summary>The key that is locked (<c>PREFIX/.lock</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The session's name.</summary>
    public required string SessionName { get; init; }

    /// <summary>The session's TTL (Consul's lock default is 15s); it is renewed every half TTL.</summary>
    public TimeSpan SessionTtl { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>When set, give up once this much time has passed without acquiring (Consul's LockTryOnce).</summary>
    public TimeSpan? TryOnceWait { get; init; }

    /// <summary>How long one blocking read of the key waits (Consul's DefaultLockWaitTime, 15s).</summary>
    public TimeSpan BlockingWait { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Pause after a lost acquire race when the key shows no holder (Consul's DefaultLockRetryTime, 5s).</summary>
    public TimeSpan RetryWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many failed monitoring reads are tolerated before the lock counts as lost.</summary>
    public int MonitorRetries { get; init; } = 3;

    /// <summary>Pause between monitoring retries (Consul's 1s).</summary>
    public TimeSpan MonitorRetryWait { get; init; } = TimeSpan.FromSeconds(1);
}
