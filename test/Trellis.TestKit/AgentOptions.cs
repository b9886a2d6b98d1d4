namespace Trellis.TestKit;

/// <summary>How to start one <c>trellis agent</c> process.</summary>
/// <remarks>Immutable record; safe to share.</remarks>
public sealed record AgentOptions
{
    /// <summary>True: <c>-dev</c> (in-memory). False: <c>-server -bootstrap -data-dir &lt;tmp&gt;</c>.</summary>
    public bool Dev { get; init; } = true;

    /// <summary><c>-node</c>; a unique name is generated when null.</summary>
    public string? NodeName { get; init; }

    /// <summary>Each entry becomes one <c>-hcl</c> flag.</summary>
    public IReadOnlyList<string> Hcl { get; init; } = [];

    /// <summary>File name (its extension picks the format: .hcl or .json) to content; each becomes a <c>-config-file</c>.</summary>
    public IReadOnlyDictionary<string, string> ConfigFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Appended verbatim after the generated flags.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>Bound on the wait for a leader after start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The process is killed by <c>timeout(1)</c> after this long even if the test host dies without cleaning up.</summary>
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A dev agent.</summary>
    public static AgentOptions DevMode() => new();

    /// <summary>A single server that bootstraps itself and persists to a temporary data dir.</summary>
    public static AgentOptions ServerBootstrap() => new() { Dev = false };
}
