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

    /// <summary>This server's node UUID, registered with its catalog entry.</summary>
    public string NodeId { get; init; } = "";

    /// <summary>The address this server's node is registered with (its advertise address).</summary>
    public string AdvertiseAddress { get; init; } = "127.0.0.1";

    /// <summary>The server RPC port, the port of the <c>consul</c> service.</summary>
    public int ServerPort { get; init; } = 8300;

    /// <summary>Gossip LAN and WAN ports (Consul's <c>serf_lan_port</c>, <c>serf_wan_port</c> service meta).</summary>
    public int SerfLanPort { get; init; } = 8301;

    public int SerfWanPort { get; init; } = 8302;

    /// <summary>Node meta of this server's node (<c>node_meta</c>).</summary>
    public IReadOnlyDictionary<string, string>? NodeMeta { get; init; }

    /// <summary>The version reported in the <c>consul</c> service and node meta.</summary>
    public string Version { get; init; } = "1.20.0";

    /// <summary>
    /// Whether the leader registers this server's node in the catalog with its <c>serfHealth</c> check and
    /// <c>consul</c> service (Consul's reconcile of its own member). The hosting layer turns it on.
    /// </summary>
    public bool RegisterSelf { get; init; }

    /// <summary>
    /// Whether the leader writes <see cref="Autopilot"/> when the cluster has no autopilot settings yet (Consul's leader
    /// does at start). The hosting layer turns it on.
    /// </summary>
    public bool InitializeAutopilot { get; init; }

    /// <summary>
    /// Whether session create checks the catalog (node registered, its checks present and not critical) as Consul does.
    /// The hosting layer turns it on; embedding without a catalog (unit tests of sessions alone) may leave it off.
    /// </summary>
    public bool VerifySessionChecks { get; init; }

    public string Datacenter { get; init; } = "dc1";

    /// <summary>The agent's <c>autopilot</c> block: what the leader writes when the cluster has no settings yet.</summary>
    public Core.Operator.AutopilotConfiguration Autopilot { get; init; } = new();

    public TimeSpan SessionTtlMin { get; init; } = DefaultSessionTtlMin;

    public TimeSpan SessionTtlMax { get; init; } = DefaultSessionTtlMax;

    /// <summary><c>limits.kv_max_value_size</c>.</summary>
    public int KvMaxValueSize { get; init; } = KvLimits.DefaultMaxValueSize;

    /// <summary>How long a KV tombstone is kept before the leader reaps it (Consul's <c>tombstone_ttl</c>).</summary>
    public TimeSpan TombstoneTtl { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Tombstones expiring within one granule are reaped together (Consul's <c>tombstone_ttl_granularity</c>).</summary>
    public TimeSpan TombstoneGranularity { get; init; } = TimeSpan.FromSeconds(30);
}
