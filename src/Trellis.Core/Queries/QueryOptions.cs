namespace Trellis.Core.Queries;

/// <summary>
/// Options every read takes: blocking (<see cref="MinQueryIndex"/> and <see cref="MaxQueryTime"/>),
/// consistency and the caller's token. Parsed once by the HTTP layer from <c>index</c>, <c>wait</c>,
/// <c>stale</c>, <c>consistent</c> and <c>X-Consul-Token</c>/<c>token</c>.
/// </summary>
public sealed record QueryOptions
{
    public static readonly QueryOptions Default = new();

    /// <summary>Consul's default <c>wait</c> for blocking queries.</summary>
    public static readonly TimeSpan DefaultMaxQueryTime = TimeSpan.FromMinutes(5);

    /// <summary>Consul's upper bound for <c>wait</c>.</summary>
    public static readonly TimeSpan MaxMaxQueryTime = TimeSpan.FromMinutes(10);

    /// <summary>How long a blocking query waits for <paramref name="requested"/>: 0 (or less) means the default, capped at the maximum.</summary>
    public static TimeSpan BlockingWait(TimeSpan requested) =>
        requested <= TimeSpan.Zero ? DefaultMaxQueryTime : requested > MaxMaxQueryTime ? MaxMaxQueryTime : requested;

    /// <summary>Block until the result index is greater than this; 0 means do not block.</summary>
    public ulong MinQueryIndex { get; init; }

    /// <summary>How long to block at most; <see cref="TimeSpan.Zero"/> means the default.</summary>
    public TimeSpan MaxQueryTime { get; init; }

    public ConsistencyMode Consistency { get; init; }

    public string? Token { get; init; }

    /// <summary>With <see cref="ConsistencyMode.Stale"/>: refuse answers staler than this (0 = any).</summary>
    public TimeSpan MaxStaleDuration { get; init; }

    public string? Datacenter { get; init; }

    /// <summary>Consul's <c>filter</c> expression applied to the result; null or empty means none.</summary>
    public string? Filter { get; init; }

    /// <summary>
    /// Consul's <c>near</c>: sort results by round-trip time from this node (<c>_agent</c> is the local node).
    /// Accepted; without network coordinates the order stays Consul's default.
    /// </summary>
    public string? Near { get; init; }

    /// <summary>Consul's <c>node-meta</c> filters: every key must be present on the node with that value.</summary>
    public IReadOnlyDictionary<string, string>? NodeMeta { get; init; }
}
