using System.Globalization;
using System.Text;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Formats;
using Trellis.Core.Operator;

namespace Trellis.Cli.Commands.Operator;

/// <summary>
/// <c>trellis operator autopilot get-config</c>: the cluster's autopilot settings as Consul prints them, one
/// <c>Name = value</c> line each (tags Go-quoted, durations in Go's notation).
/// </summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class AutopilotGetConfigCommand
{
    public const string Synopsis = "Display the current Autopilot configuration";

    private const string Help = """
        Usage: trellis operator autopilot get-config [options]

          Displays the current Autopilot configuration.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("operator autopilot get-config");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        using var client = ApiFailure.TryCreateClient(http, io);
        if (client is null)
        {
            return 1;
        }

        AutopilotConfiguration configuration;
        try
        {
            configuration = (await client.Operator.GetAutopilotConfigurationAsync(http.ReadOptions(), cancellationToken)
                .ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            io.Error.WriteLine($"Error querying Autopilot configuration: {ex.Message}");
            return 1;
        }

        io.Out.Write(Format(configuration));
        return 0;
    }

    /// <summary>The eight lines Consul prints, each ending in a newline.</summary>
    public static string Format(AutopilotConfiguration configuration)
    {
        var builder = new StringBuilder();
        Line(builder, "CleanupDeadServers", Bool(configuration.CleanupDeadServers));
        Line(builder, "LastContactThreshold", Duration(configuration.LastContactThreshold));
        Line(builder, "MaxTrailingLogs", configuration.MaxTrailingLogs.ToString(CultureInfo.InvariantCulture));
        Line(builder, "MinQuorum", configuration.MinQuorum.ToString(CultureInfo.InvariantCulture));
        Line(builder, "ServerStabilizationTime", Duration(configuration.ServerStabilizationTime));
        Line(builder, "RedundancyZoneTag", Core.Formats.GoQuote.Quote(configuration.RedundancyZoneTag));
        Line(builder, "DisableUpgradeMigration", Bool(configuration.DisableUpgradeMigration));
        Line(builder, "UpgradeVersionTag", Core.Formats.GoQuote.Quote(configuration.UpgradeVersionTag));
        return builder.ToString();
    }

    /// <summary>
    /// A duration as Go's <c>time.Duration.String()</c> prints it after the client parsed the JSON text
    /// ("1000ms" prints as "1s"); text that is not a duration is shown as sent.
    /// </summary>
    internal static string Duration(string text) =>
        GoDuration.TryParse(text, out var value) ? GoDuration.Format(value) : text;

    internal static string Bool(bool value) => value ? "true" : "false";

    private static void Line(StringBuilder builder, string name, string value) =>
        builder.Append(name).Append(" = ").Append(value).Append('\n');
}
