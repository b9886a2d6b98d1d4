using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Formats;
using Trellis.Core.Operator;
using Trellis.Core.Queries;

namespace Trellis.Cli.Commands.Operator;

/// <summary>
/// <c>trellis operator autopilot set-config</c>: reads the current autopilot settings, changes only the flags given
/// and writes them back as a check-and-set against the ModifyIndex it read.
/// </summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class AutopilotSetConfigCommand
{
    public const string Synopsis = "Modify the current Autopilot configuration";

    public const string Updated = "Configuration updated!";

    public const string NotUpdated = "Configuration could not be atomically updated, please try again";

    private const string Help = """
        Usage: trellis operator autopilot set-config [options]

          Modifies the current Autopilot configuration.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("operator autopilot set-config");
        var cleanupDeadServers = flags.Bool("cleanup-dead-servers",
            "Controls whether dead servers are removed automatically when new ones are added. Must be one of `true|false`.");
        var maxTrailingLogs = flags.UInt64("max-trailing-logs",
            "Controls the maximum number of log entries that a server can trail the leader by before being considered unhealthy.");
        var minQuorum = flags.UInt64("min-quorum",
            "Sets the minimum number of servers required in a cluster before autopilot is allowed to prune dead servers.");
        var lastContactThreshold = flags.Duration("last-contact-threshold",
            "Controls the maximum amount of time a server can go without contact from the leader before being " +
            "considered unhealthy. Must be a duration value such as `200ms`.");
        var serverStabilizationTime = flags.Duration("server-stabilization-time",
            "Controls the minimum amount of time a server must be stable in the 'healthy' state before being added " +
            "to the cluster. Must be a duration value such as `10s`.");
        var redundancyZoneTag = flags.String("redundancy-zone-tag",
            "(Enterprise-only) Controls the node_meta tag name used for separating servers into different redundancy zones.");
        var disableUpgradeMigration = flags.Bool("disable-upgrade-migration",
            "(Enterprise-only) Controls whether new servers are not promoted until a migration can be performed. " +
            "Must be one of `true|false`.");
        var upgradeVersionTag = flags.String("upgrade-version-tag",
            "(Enterprise-only) The node_meta tag to use for version info when performing upgrade migrations. " +
            "If left blank, the server version is used.");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParse(flags, NormalizeArguments(args), io, Help, out var exit))
        {
            return exit;
        }

        if (minQuorum.Value > uint.MaxValue)
        {
            io.Error.WriteLine($"invalid value \"{minQuorum.Value}\" for flag -min-quorum: value out of range");
            io.Error.WriteLine(CommandLine.Usage(Help, flags));
            return 1;
        }

        using var client = ApiFailure.TryCreateClient(http, io);
        if (client is null)
        {
            return 1;
        }

        AutopilotConfiguration current;
        try
        {
            // Consul compat: the read ignores -stale (the Go command passes no query options).
            current = (await client.Operator.GetAutopilotConfigurationAsync(QueryOptions.Default, cancellationToken)
                .ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            io.Error.WriteLine($"Error querying Autopilot configuration: {ex.Message}");
            return 1;
        }

        var updated = current with
        {
            CleanupDeadServers = flags.IsSet("cleanup-dead-servers") ? cleanupDeadServers.Value : current.CleanupDeadServers,
            MaxTrailingLogs = flags.IsSet("max-trailing-logs") ? maxTrailingLogs.Value : current.MaxTrailingLogs,
            MinQuorum = flags.IsSet("min-quorum") ? (uint)minQuorum.Value : current.MinQuorum,
            LastContactThreshold = flags.IsSet("last-contact-threshold")
                ? GoDuration.Format(lastContactThreshold.Value)
                : current.LastContactThreshold,
            ServerStabilizationTime = flags.IsSet("server-stabilization-time")
                ? GoDuration.Format(serverStabilizationTime.Value)
                : current.ServerStabilizationTime,
            RedundancyZoneTag = flags.IsSet("redundancy-zone-tag") ? redundancyZoneTag.Value ?? "" : current.RedundancyZoneTag,
            DisableUpgradeMigration = flags.IsSet("disable-upgrade-migration")
                ? disableUpgradeMigration.Value
                : current.DisableUpgradeMigration,
            UpgradeVersionTag = flags.IsSet("upgrade-version-tag") ? upgradeVersionTag.Value ?? "" : current.UpgradeVersionTag,
        };

        bool written;
        try
        {
            written = await client.Operator.SetAutopilotConfigurationAsync(updated, cas: current.ModifyIndex,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            io.Error.WriteLine($"Error setting Autopilot configuration: {ex.Message}");
            return 1;
        }

        // Consul compat: a lost check-and-set is reported on stdout, with exit code 1.
        io.Out.WriteLine(written ? Updated : NotUpdated);
        return written ? 0 : 1;
    }

    /// <summary>
    /// Joins the spaced assignment forms Consul's set-config accepts (<c>-flag = value</c>, <c>-flag= value</c>,
    /// <c>-flag =value</c>, and <c>-flag value</c> for every flag, booleans included) into <c>-flag=value</c>.
    /// </summary>
    /// <remarks>
    /// Consul also cuts every argument containing '/' down to what follows the last '/'; that breaks
    /// <c>-http-addr=http://…</c> and <c>-token-file=/path</c>, so it is deliberately not copied.
    /// </remarks>
    public static IReadOnlyList<string> NormalizeArguments(IReadOnlyList<string> args)
    {
        var result = new List<string>(args.Count);
        var i = 0;
        while (i < args.Count)
        {
            var arg = args[i++];
            if (arg == "--" || arg.Length < 2 || arg[0] != '-' || arg is "-h" or "-help" or "--help" or "--h")
            {
                result.Add(arg);
                if (arg == "--" || arg.Length < 2 || arg[0] != '-')
                {
                    // Everything after the flags stays as given.
                    result.AddRange(args.Skip(i));
                    break;
                }

                continue;
            }

            if (arg.Contains('=', StringComparison.Ordinal) && !arg.EndsWith('='))
            {
                result.Add(arg);
                continue;
            }

            var name = arg.TrimEnd('=');
            if (i < args.Count && args[i] == "=")
            {
                i++;
            }

            if (i < args.Count && (args[i].Length == 0 || args[i][0] != '-' || args[i].StartsWith('=')))
            {
                var value = args[i++];
                result.Add(name + "=" + (value.StartsWith('=') ? value[1..] : value));
            }
            else
            {
                // "-flag=" with nothing after it sets the empty value.
                result.Add(arg);
            }
        }

        return result;
    }
}
