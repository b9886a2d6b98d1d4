namespace Trellis.Core.Checks;

/// <summary>
/// Consul's health check states as they appear on the wire ("passing", "warning", "critical"), plus
/// "maintenance" (a critical state set by maintenance mode) and "any" (only a filter in <c>/v1/health/state/any</c>).
/// </summary>
public static class HealthStatus
{
    public const string Passing = "passing";

    public const string Warning = "warning";

    public const string Critical = "critical";

    public const string Maintenance = "maintenance";

    public const string Any = "any";

    /// <summary>Whether <paramref name="status"/> is a state a check can be in (passing, warning or critical).</summary>
    public static bool IsValid(string? status) => status is Passing or Warning or Critical;

    /// <summary>
    /// The worse of two states, in Consul's order critical &gt; warning &gt; passing (maintenance counts as critical).
    /// </summary>
    public static string Worst(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(string status) => status switch
    {
        Passing => 0,
        Warning => 1,
        _ => 2,
    };
}
