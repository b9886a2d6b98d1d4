namespace Trellis.Agent.Local;

/// <summary>
/// The last status a TTL check was given, kept under <c>&lt;data_dir&gt;/checks/state</c> (Consul's
/// <c>persistedCheckState</c>): restored at start while <see cref="Expires"/> (Unix seconds) has not passed.
/// </summary>
public sealed record PersistedCheckState
{
    public string CheckID { get; init; } = "";

    public string Status { get; init; } = "";

    public string Output { get; init; } = "";

    public long Expires { get; init; }
}
