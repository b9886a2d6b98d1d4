namespace Trellis.Agent.Checks;

/// <summary>
/// Where a check definition came from, which decides whether script checks are allowed
/// (<c>enable_local_script_checks</c> allows only <see cref="Local"/>; <c>enable_script_checks</c> allows both).
/// </summary>
public enum CheckSource
{
    /// <summary>A config file of this agent.</summary>
    Local = 0,

    /// <summary>The HTTP API (<c>/v1/agent/check/register</c>, <c>/v1/agent/service/register</c>).</summary>
    Remote = 1,
}
