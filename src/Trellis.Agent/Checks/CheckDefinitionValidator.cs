using Trellis.Core.Checks;

namespace Trellis.Agent.Checks;

/// <summary>
/// Consul's rules for a check definition (<c>CheckType.Validate</c>), with Consul's exact error texts, and Consul's
/// type detection (<c>CheckType.Type</c>). The HTTP layer prefixes errors as Consul does ("Invalid check: …").
/// </summary>
/// <remarks>Stateless; safe to call from any thread.</remarks>
public static class CheckDefinitionValidator
{
    public const string IntervalAndTtl = "Interval and TTL cannot both be specified";

    public const string IntervalRequired = "Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks";

    public const string AliasWithInterval = "Interval cannot be set for Alias checks";

    public const string AliasWithTtl = "TTL must be not be set for Alias checks";

    public const string TtlRequired = "TTL must be > 0 for TTL checks";

    public const string OutputMaxSizeNegative = "MaxOutputMaxSize must be positive";

    public const string WarningAboveCritical = "FailuresBeforeWarning can't be higher than FailuresBeforeCritical";

    public const string BadStatus = "Bad check status";

    /// <summary>Returns Consul's error text for an invalid definition, or null when it is valid.</summary>
    public static string? Validate(CheckDefinition definition)
    {
        if (!CheckTiming.TryParse(definition, out var timing, out var durationError))
        {
            return durationError;
        }

        // Consul compat: the order of these rules decides which message wins when several apply.
        var intervalCheck = IsIntervalKind(definition);
        var alias = IsAlias(definition);
        if (timing.Interval > TimeSpan.Zero && timing.Ttl > TimeSpan.Zero)
        {
            return IntervalAndTtl;
        }

        if (intervalCheck && timing.Interval <= TimeSpan.Zero)
        {
            return IntervalRequired;
        }

        if (intervalCheck && alias)
        {
            return AliasWithInterval;
        }

        if (alias && timing.Ttl > TimeSpan.Zero)
        {
            return AliasWithTtl;
        }

        if (!intervalCheck && !alias && timing.Ttl <= TimeSpan.Zero)
        {
            return TtlRequired;
        }

        if (definition.OutputMaxSize < 0)
        {
            return OutputMaxSizeNegative;
        }

        if (definition.FailuresBeforeWarning > definition.FailuresBeforeCritical)
        {
            return WarningAboveCritical;
        }

        if (!string.IsNullOrEmpty(definition.Status) && !HealthStatus.IsValid(definition.Status))
        {
            return BadStatus;
        }

        return null;
    }

    /// <summary>
    /// Consul's type name of a valid definition: "grpc", "http", "ttl", "tcp", "udp", "alias", "docker", "script",
    /// "h2ping" or "os_service" (checked in that order when several kinds are set); "" when none applies.
    /// </summary>
    public static string TypeOf(CheckDefinition definition)
    {
        var hasInterval = CheckTiming.TryParse(definition, out var timing, out _) && timing.Interval > TimeSpan.Zero;
        var script = definition.Args is { Count: > 0 };
        return true switch
        {
            _ when hasInterval && !string.IsNullOrEmpty(definition.GRPC) => "grpc",
            _ when hasInterval && !string.IsNullOrEmpty(definition.HTTP) => "http",
            _ when timing.Ttl > TimeSpan.Zero => "ttl",
            _ when hasInterval && !string.IsNullOrEmpty(definition.TCP) => "tcp",
            _ when hasInterval && !string.IsNullOrEmpty(definition.UDP) => "udp",
            _ when IsAlias(definition) => "alias",
            _ when hasInterval && script && !string.IsNullOrEmpty(definition.DockerContainerID) => "docker",
            _ when hasInterval && script => "script",
            _ when hasInterval && !string.IsNullOrEmpty(definition.H2PING) => "h2ping",
            _ when hasInterval && !string.IsNullOrEmpty(definition.OSService) => "os_service",
            _ => "",
        };
    }

    /// <summary>The status a new check starts in: its <c>Status</c>, or critical as in Consul.</summary>
    public static string InitialStatus(CheckDefinition definition) =>
        string.IsNullOrEmpty(definition.Status) ? HealthStatus.Critical : definition.Status;

    private static bool IsAlias(CheckDefinition d) => !string.IsNullOrEmpty(d.AliasNode) || !string.IsNullOrEmpty(d.AliasService);

    private static bool IsIntervalKind(CheckDefinition d) =>
        d.Args is { Count: > 0 }
        || !string.IsNullOrEmpty(d.HTTP)
        || !string.IsNullOrEmpty(d.TCP)
        || !string.IsNullOrEmpty(d.UDP)
        || !string.IsNullOrEmpty(d.GRPC)
        || !string.IsNullOrEmpty(d.H2PING)
        || !string.IsNullOrEmpty(d.OSService);
}
