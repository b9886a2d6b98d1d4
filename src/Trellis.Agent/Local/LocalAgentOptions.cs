using Trellis.Agent.Checks;

namespace Trellis.Agent.Local;

/// <summary>Settings of the agent's local services and checks, taken from the agent config.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record LocalAgentOptions
{
    /// <summary>Where API-registered services and checks are persisted (<c>&lt;data_dir&gt;/services</c>, <c>/checks</c>); null keeps them in memory.</summary>
    public string? DataDir { get; init; }

    /// <summary>Runner settings: script check flags, output cap, alias source (set by the agent), minimum interval.</summary>
    public CheckRunnerOptions Checks { get; init; } = new();

    /// <summary><c>check_update_interval</c>: output-only changes are synced at most this often (Consul: 5 minutes; 0 syncs every change).</summary>
    public TimeSpan CheckUpdateInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>ae_interval</c>: the anti-entropy full-sync interval before scaling (Consul: 1 minute).</summary>
    public TimeSpan AntiEntropyInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often services with <c>deregister_critical_service_after</c> are reaped (Consul: 30 seconds).</summary>
    public TimeSpan ReapInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The smallest <c>deregister_critical_service_after</c> honoured; shorter ones are raised (Consul: 1 minute).</summary>
    public TimeSpan DeregisterCriticalMinimum { get; init; } = TimeSpan.FromMinutes(1);
}
