using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Version;

/// <summary>
/// <c>trellis version [-format=pretty|json]</c>. Keeps the shape of <c>consul version</c> (version line, Revision,
/// Build Date, Protocol line) but names Trellis first and the Consul version it is compatible with second.
/// </summary>
/// <remarks>Stateless.</remarks>
public static class VersionCommand
{
    public const string Synopsis = "Prints the Trellis version";

    /// <summary>The Consul release Trellis's HTTP API, CLI and config follow.</summary>
    public const string ConsulCompatibility = "1.20.2";

    private const string Help = """
        Usage: trellis version [options]
        """;

    public static Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("version");
        var format = flags.String("format", "Output format {pretty|json}", "pretty");
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return Task.FromResult(exit);
        }

        var info = Current();
        switch (format.Value)
        {
            case "pretty":
                io.Out.WriteLine(FormatPretty(info));
                return Task.FromResult(0);
            case "json":
                io.Out.WriteLine(JsonSerializer.Serialize(info, new CliJsonContext(new JsonSerializerOptions { WriteIndented = true }).VersionInfo));
                return Task.FromResult(0);
            default:
                io.Error.WriteLine($"Unknown format: {format.Value}");
                return Task.FromResult(1);
        }
    }

    /// <summary>This binary's version, from the assembly's informational version ("0.1.0+commit").</summary>
    public static VersionInfo Current()
    {
        var assembly = typeof(VersionCommand).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                            ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var revision = plus < 0 ? "" : informational[(plus + 1)..];
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        DateTimeOffset? buildDate = null;
        if (!string.IsNullOrEmpty(assembly.Location) && File.Exists(assembly.Location))
        {
            buildDate = new DateTimeOffset(File.GetLastWriteTimeUtc(assembly.Location), TimeSpan.Zero);
        }

        return new VersionInfo
        {
            Version = dash < 0 ? version : version[..dash],
            Prerelease = dash < 0 ? "" : version[(dash + 1)..],
            Revision = revision.Length > 8 ? revision[..8] : revision,
            BuildDate = buildDate,
            ConsulCompatibility = ConsulCompatibility,
            RPC = new RpcVersionInfo(2, 2, 3),
        };
    }

    public static string FormatPretty(VersionInfo info)
    {
        var human = info.Prerelease.Length == 0 ? info.Version : $"{info.Version}-{info.Prerelease}";
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"Trellis v{human}\n");
        builder.Append(CultureInfo.InvariantCulture, $"Consul API compatibility: {info.ConsulCompatibility}\n");
        if (info.Revision.Length > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"Revision {info.Revision}\n");
        }

        if (info.BuildDate is { } date)
        {
            builder.Append(CultureInfo.InvariantCulture, $"Build Date {date.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");
        }

        var supplement = info.RPC.Default < info.RPC.Max
            ? $" (agent will automatically use protocol >{info.RPC.Default} when speaking to compatible agents)"
            : "";
        builder.Append(CultureInfo.InvariantCulture,
            $"Protocol {info.RPC.Default} spoken by default, understands {info.RPC.Min} to {info.RPC.Max}{supplement}");
        return builder.ToString();
    }
}
