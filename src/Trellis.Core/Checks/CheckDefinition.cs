namespace Trellis.Core.Checks;

/// <summary>
/// A check as an agent is asked to run it: the body of <c>PUT /v1/agent/check/register</c>, an entry of a
/// service's <c>Check</c>/<c>Checks</c>, or a <c>check</c> block of a config file (Consul's <c>CheckDefinition</c>
/// and <c>CheckType</c>). Exactly one kind is set: <see cref="Args"/>, <see cref="HTTP"/>, <see cref="TCP"/>,
/// <see cref="UDP"/>, <see cref="GRPC"/>, <see cref="H2PING"/>, <see cref="TTL"/> or an alias.
/// Durations are Go duration strings ("10s", "1m30s").
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record CheckDefinition
{
    /// <summary>The check's ID; Consul also accepts <c>CheckID</c>. Defaults to <see cref="Name"/> (or "service:&lt;id&gt;").</summary>
    public string? ID { get; init; }

    public string? CheckID { get; init; }

    public string Name { get; init; } = "";

    public string? Notes { get; init; }

    /// <summary>The local service this check belongs to; empty for a node-level check.</summary>
    public string? ServiceID { get; init; }

    /// <summary>The initial status (passing, warning, critical); Consul starts checks critical by default.</summary>
    public string? Status { get; init; }

    /// <summary>Script check: the command and its arguments (only when script checks are enabled).</summary>
    public IReadOnlyList<string>? Args { get; init; }

    public string? HTTP { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Header { get; init; }

    public string? Method { get; init; }

    public string? Body { get; init; }

    public bool DisableRedirects { get; init; }

    public string? TCP { get; init; }

    /// <summary><c>tcp_use_tls</c>: the TCP check completes a TLS handshake after connecting.</summary>
    public bool TCPUseTLS { get; init; }

    public string? UDP { get; init; }

    public string? GRPC { get; init; }

    public bool GRPCUseTLS { get; init; }

    public string? H2PING { get; init; }

    public bool H2PingUseTLS { get; init; } = true;

    public string? TLSServerName { get; init; }

    public bool TLSSkipVerify { get; init; }

    public string? TTL { get; init; }

    public string? AliasNode { get; init; }

    public string? AliasService { get; init; }

    /// <summary>Kinds this machine cannot run; kept so that they can be refused with a clear error.</summary>
    public string? DockerContainerID { get; init; }

    public string? Shell { get; init; }

    public string? OSService { get; init; }

    public string? Interval { get; init; }

    public string? Timeout { get; init; }

    public string? DeregisterCriticalServiceAfter { get; init; }

    public int SuccessBeforePassing { get; init; }

    public int FailuresBeforeWarning { get; init; }

    public int FailuresBeforeCritical { get; init; }

    /// <summary>Output cap in bytes (<c>output_max_size</c>); 0 means the agent's <c>check_output_max_size</c> (Consul's default 4 KiB).</summary>
    public int OutputMaxSize { get; init; }
}
