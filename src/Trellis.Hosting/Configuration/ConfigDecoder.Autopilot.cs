using Trellis.Core.Formats;
using Trellis.Core.Hcl;
using Trellis.Core.Operator;

namespace Trellis.Hosting.Configuration;

/// <summary>The <c>autopilot</c> block: Consul's keys and defaults (<see cref="AutopilotConfiguration"/>).</summary>
internal sealed partial class ConfigDecoder
{
    private static readonly HashSet<string> NoIgnoredKeys = new(StringComparer.Ordinal);

    private ConfigFragment DecodeAutopilot(ConfigFragment f, string key, HclValue value, string path)
    {
        Func<AutopilotConfiguration, AutopilotConfiguration> edit = key switch
        {
            "cleanup_dead_servers" => Set(Bool(value, path), (a, v) => a with { CleanupDeadServers = v }),
            "last_contact_threshold" => Set(GoDuration.Format(Duration(value, path)), (a, v) => a with { LastContactThreshold = v }),
            "max_trailing_logs" => Set((ulong)NonNegativeInt(value, path), (a, v) => a with { MaxTrailingLogs = v }),
            "min_quorum" => Set((uint)NonNegativeInt(value, path), (a, v) => a with { MinQuorum = v }),
            "server_stabilization_time" => Set(GoDuration.Format(Duration(value, path)), (a, v) => a with { ServerStabilizationTime = v }),
            "redundancy_zone_tag" => Set(String(value, path), (a, v) => a with { RedundancyZoneTag = v }),
            "disable_upgrade_migration" => Set(Bool(value, path), (a, v) => a with { DisableUpgradeMigration = v }),
            "upgrade_version_tag" => Set(String(value, path), (a, v) => a with { UpgradeVersionTag = v }),
            _ => throw new KeyNotFoundException(),
        };
        return f with { Autopilot = [.. f.Autopilot, edit] };
    }

    private static Func<AutopilotConfiguration, AutopilotConfiguration> Set<T>(T value, Func<AutopilotConfiguration, T, AutopilotConfiguration> apply) =>
        a => apply(a, value);
}
