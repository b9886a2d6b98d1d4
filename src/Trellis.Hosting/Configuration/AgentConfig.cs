namespace Trellis.Hosting.Configuration;

/// <summary>
/// The agent's merged, validated runtime configuration: built once from defaults, config files
/// (<c>-config-file</c>, <c>-config-dir</c>) and flags in Consul's order, and immutable afterwards.
/// Names follow Consul's config keys (snake_case in files, PascalCase here).
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record AgentConfig
{
    public bool DevMode { get; init; }

    public bool Server { get; init; }

    public bool Bootstrap { get; init; }

    /// <summary>Where the Raft log and snapshots live; null keeps everything in memory (only allowed with <c>-dev</c>).</summary>
    public string? DataDir { get; init; }

    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary>A UUID; generated once and kept in the data dir when not configured.</summary>
    public string? NodeId { get; init; }

    public string Datacenter { get; init; } = "dc1";

    /// <summary>Address for internal cluster traffic (Raft/RPC, gossip).</summary>
    public string BindAddr { get; init; } = "0.0.0.0";

    /// <summary>Address(es) the client interfaces (HTTP, DNS) listen on.</summary>
    public string ClientAddr { get; init; } = "127.0.0.1";

    /// <summary>Address advertised to other members; defaults to the bind address.</summary>
    public string? AdvertiseAddr { get; init; }

    public int HttpPort { get; init; } = 8500;

    /// <summary>Server RPC/Raft port.</summary>
    public int ServerPort { get; init; } = 8300;

    public int DnsPort { get; init; } = 8600;

    /// <summary><c>addresses.dns</c>: the DNS listener's address; null uses <see cref="ClientAddr"/>.</summary>
    public string? DnsAddr { get; init; }

    /// <summary><c>domain</c>, <c>alt_domain</c>, <c>recursors</c> and <c>dns_config</c> (the datacenter is filled in at start).</summary>
    public Trellis.Dns.DnsOptions Dns { get; init; } = new();

    /// <summary>The <c>autopilot</c> block: the settings the leader writes when the cluster has none yet.</summary>
    public Trellis.Core.Operator.AutopilotConfiguration Autopilot { get; init; } = new();

    public string? PidFile { get; init; }

    public string LogLevel { get; init; } = "info";

    public bool LogJson { get; init; }

    public bool EnableUi { get; init; }

    /// <summary><c>ui_config.content_path</c>: the HTTP path of the web UI, always with leading and trailing slashes.</summary>
    public string UiContentPath { get; init; } = "/ui/";

    /// <summary><c>ui_config.dir</c>: a directory to serve the web UI from instead of the built-in one.</summary>
    public string? UiDir { get; init; }

    /// <summary><c>limits.kv_max_value_size</c>.</summary>
    public int KvMaxValueSize { get; init; } = Trellis.Core.Kv.KvLimits.DefaultMaxValueSize;

    /// <summary><c>limits.txn_max_req_len</c>.</summary>
    public int TxnMaxRequestLength { get; init; } = Trellis.Core.Kv.KvLimits.DefaultMaxTxnRequestLength;

    /// <summary><c>session_ttl_min</c>: Consul's lower bound for session TTLs.</summary>
    public TimeSpan SessionTtlMin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>retry_join</c>: addresses to join at start; lists from all sources append.</summary>
    public IReadOnlyList<string> RetryJoin { get; init; } = [];

    /// <summary><c>service</c>/<c>services</c> blocks of all sources, in order.</summary>
    public IReadOnlyList<Trellis.Core.Services.ServiceDefinition> Services { get; init; } = [];

    /// <summary><c>check</c>/<c>checks</c> blocks of all sources, in order.</summary>
    public IReadOnlyList<Trellis.Core.Checks.CheckDefinition> Checks { get; init; } = [];

    /// <summary><c>enable_script_checks</c>: script checks from config files and the HTTP API.</summary>
    public bool EnableScriptChecks { get; init; }

    /// <summary><c>enable_local_script_checks</c>: script checks from config files only.</summary>
    public bool EnableLocalScriptChecks { get; init; }

    /// <summary><c>check_update_interval</c>: how often an output-only change of a check is synced (Consul: 5m).</summary>
    public TimeSpan CheckUpdateInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>check_output_max_size</c>: the output cap of checks (Consul: 4096 bytes).</summary>
    public int CheckOutputMaxSize { get; init; } = 4096;

    /// <summary><c>ae_interval</c>: Consul's (undocumented) anti-entropy full-sync interval before scaling (1m).</summary>
    public TimeSpan AeInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Where this config came from, so that SIGHUP and <c>/v1/agent/reload</c> can read it again; null when built in code.</summary>
    /// <remarks>It does not take part in equality: two configs with the same settings are equal wherever they came from.</remarks>
    public ConfigLoadOptions? LoadOptions
    {
        get => _origin?.Options;
        init => _origin = value is null ? null : new ConfigOrigin(value);
    }

    private readonly ConfigOrigin? _origin;
}
