using System.Globalization;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Snapshots;

namespace Trellis.Cli.Commands.Snapshot;

/// <summary><c>trellis snapshot inspect FILE</c>: reads a local archive and prints its ID, Size, Index, Term, Version.</summary>
/// <remarks>Stateless.</remarks>
public static class SnapshotInspectCommand
{
    public const string Synopsis = "Displays information about a Consul snapshot file";

    private const string Help = """
        Usage: trellis snapshot inspect [options] FILE

          Displays information about a snapshot file on disk.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("snapshot inspect");
        flags.Bool("kvdetails", "Provides a detailed KV space usage breakdown (accepted; not shown).");
        flags.Int("kvdepth", "Key prefix depth used with -kvdetails.", 2);
        flags.String("kvfilter", "Key prefix filter used with -kvdetails.", "");
        flags.String("format", "Output format {pretty}", "pretty");
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (!CommandLine.TryGetSingleFile(flags, io, out var file))
        {
            return 1;
        }

        if (!SnapshotFile.TryOpenRead(file, io, out var input))
        {
            return 1;
        }

        SnapshotMeta meta;
        await using (input.ConfigureAwait(false))
        {
            try
            {
                meta = (await SnapshotArchive.ReadAsync(input, cancellationToken).ConfigureAwait(false)).Meta;
            }
            catch (InvalidDataException ex)
            {
                io.Error.WriteLine($"Error reading snapshot: {ex.Message}");
                return 1;
            }
        }

        io.Out.WriteLine(Format(meta));
        return 0;
    }

    /// <summary>The metadata block: a leading space, names padded as Go's tabwriter (min 8, padding 6) pads them.</summary>
    public static string Format(SnapshotMeta meta)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { " ID", meta.ID },
            new[] { " Size", meta.Size.ToString(CultureInfo.InvariantCulture) },
            new[] { " Index", meta.Index.ToString(CultureInfo.InvariantCulture) },
            new[] { " Term", meta.Term.ToString(CultureInfo.InvariantCulture) },
            new[] { " Version", meta.Version.ToString(CultureInfo.InvariantCulture) },
        };
        return TextTables.TabAlign(rows, 8, 6).TrimEnd('\n');
    }
}
