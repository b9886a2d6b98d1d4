using Trellis.Core.Kv;

namespace Trellis.Server;

/// <summary>
/// Settings of the server endpoints and leader loops, validated once and never mutated
/// (Consul's defaults; the hosting layer fills them from the agent configuration).
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record ServerOptions
{
    /// <summary>Consul's <c>session_ttl_min</c> default.</summary>
    public static readonly TimeSpan DefaultSessionTtlMin = TimeSpan.FromSeconds(10);

    /// <summary>Consul's <c>SessionTTLMax</c>.</summary>
    public static readonly TimeSpan DefaultSessionTtlMax = TimeSpan.FromHours(24);

    /// <summary>Consul's <c>MaxLockDelay</c>.</summary>
    public static readonly TimeSpan MaxLockDelay = TimeSpan.FromSeconds(60);

    /// <summary>Consul's default session lock delay.</summary>
    public static readonly TimeSpan DefaultLockDelay = TimeSpan.FromSeconds(15);

    /// <summary>Consul's <c>SessionTTLMultiplier</c>: a TTL session is invalidated after TTL × this.</summary>
    public const int SessionTtlMultiplier = 2;

    /// <summary>The node check a session gets when it names none (Consul's <c>serfHealth</c>).</summary>
    public const string SerfCheckId = "serfHealth";

    public string NodeName { get; init; } = Environment.MachineName;

    public string Datacenter { get; init; } = "dc1";

    public TimeSpan SessionTtlMin { get; init; } = DefaultSessionTtlMin;

    public TimeSpan SessionTtlMax { get; init; } = DefaultSessionTtlMax;

    /// <summary><c>limits.kv_max_value_size</c>.</summary>
    public int KvMaxValueSize { get; init; } = KvLimits.DefaultMaxValueSize;

    /// <summary>How long a KV tombstone is kept before the leader reaps it (Consul's <c>tombstone_ttl</c>).</summary>
    public TimeSpan TombstoneTtl { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Tombstones expiring within one granule are reaped together (Consul's <c>tombstone_ttl_granularity</c>).</summary>
    public TimeSpan TombstoneGranularity { get; init; } = TimeSpan.FromSeconds(30);
}
