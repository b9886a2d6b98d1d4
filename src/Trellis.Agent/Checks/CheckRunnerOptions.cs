namespace Trellis.Agent.Checks;

/// <summary>The agent-wide settings a <see cref="CheckRunnerFactory"/> builds runners with.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record CheckRunnerOptions
{
    /// <summary><c>enable_script_checks</c>: script checks from config files and the HTTP API.</summary>
    public bool EnableScriptChecks { get; init; }

    /// <summary><c>enable_local_script_checks</c>: script checks from config files only.</summary>
    public bool EnableLocalScriptChecks { get; init; }

    /// <summary>Where alias checks read check state; alias checks are refused when null.</summary>
    public IAliasSource? AliasSource { get; init; }

    /// <summary>
    /// The smallest interval a check runs at; shorter ones are raised to it. Consul's is 1s (it protects the machine
    /// from fork bombs); tests lower it.
    /// </summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>check_output_max_size</c>: the output cap of checks that set no <c>output_max_size</c> (Consul: 4 KiB).</summary>
    public int CheckOutputMaxSize { get; init; } = CheckRunnerFactory.DefaultOutputMaxSize;

    /// <summary>Start interval checks after a random delay of up to one interval, as Consul does.</summary>
    public bool InitialStagger { get; init; } = true;
}
