using Trellis.Hosting.Configuration;

namespace Trellis.Hosting.Tests.Configuration;

public sealed class ConfigAutopilotTests
{
    private static AgentConfig Load(params ConfigSource[] sources) => ConfigLoader.Build(sources, devMode: false);

    [Fact]
    public void Load_NoBlock_ConsulDefaults()
    {
        var a = Load(ConfigSource.Hcl("a.hcl", "data_dir = \"/d\"")).Autopilot;

        Assert.Equal((true, "200ms", 250UL, 0U, "10s", "", false, ""),
            (a.CleanupDeadServers, a.LastContactThreshold, a.MaxTrailingLogs, a.MinQuorum, a.ServerStabilizationTime, a.RedundancyZoneTag, a.DisableUpgradeMigration, a.UpgradeVersionTag));
    }

    [Fact]
    public void Load_EveryKey_AppliedAndLaterFilesWin()
    {
        var a = Load(
            ConfigSource.Hcl("a.hcl", """
                data_dir = "/d"
                autopilot {
                  cleanup_dead_servers = false
                  last_contact_threshold = "1500ms"
                  max_trailing_logs = 100
                  min_quorum = 3
                  server_stabilization_time = "1m"
                  redundancy_zone_tag = "zone"
                  disable_upgrade_migration = true
                  upgrade_version_tag = "build"
                }
                """),
            ConfigSource.Json("b.json", """{"autopilot": {"max_trailing_logs": 7}}""")).Autopilot;

        Assert.Equal((false, "1.5s", 7UL, 3U, "1m0s", "zone", true, "build"),
            (a.CleanupDeadServers, a.LastContactThreshold, a.MaxTrailingLogs, a.MinQuorum, a.ServerStabilizationTime, a.RedundancyZoneTag, a.DisableUpgradeMigration, a.UpgradeVersionTag));
    }

    [Theory]
    [InlineData("autopilot { bogus = 1 }", "autopilot.bogus")]
    [InlineData("autopilot { last_contact_threshold = \"soon\" }", "autopilot.last_contact_threshold")]
    [InlineData("autopilot { max_trailing_logs = -1 }", "autopilot.max_trailing_logs")]
    [InlineData("autopilot = 5", "autopilot")]
    public void Load_BadKeyOrValue_RefusedNamingTheKey(string hcl, string key)
    {
        var ex = Assert.Throws<ConfigException>(() => Load(ConfigSource.Hcl("bad.hcl", "data_dir = \"/d\"\n" + hcl)));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.hcl", ex.Message, StringComparison.Ordinal);
    }
}
