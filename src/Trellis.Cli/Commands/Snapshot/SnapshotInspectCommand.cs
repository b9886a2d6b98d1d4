using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Snapshots;
using Trellis.State.Persistence;

namespace Trellis.Cli.Commands.Snapshot;

/// <summary>
/// <c>trellis snapshot inspect [-kvdetails] [-kvdepth N] [-kvfilter PREFIX] [-format pretty|json] FILE</c>: reads a
/// local archive and prints its metadata and what its records hold (<see cref="SnapshotInspectReport"/>).
/// </summary>
/// <remarks>Stateless.</remarks>
public static class SnapshotInspectCommand
{
    public const string Synopsis = "Displays information about a Consul snapshot file";

    private const string Help = """
        Usage: trellis snapshot inspect [options] FILE

          Displays information about a snapshot file on disk.

          To inspect the file "backup.snap":

            $ trellis snapshot inspect backup.snap
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("snapshot inspect");
        var kvDetails = flags.Bool("kvdetails", "Provides a detailed KV space usage breakdown for any KV data that's been stored.");
        var kvDepth = flags.Int("kvdepth", "Can only be used with -kvdetails. The key prefix depth used to breakdown KV store data. Defaults to 2.", 2);
        var kvFilter = flags.String("kvfilter", "Can only be used with -kvdetails. Limits KV key breakdown using this prefix filter.", "");
        var format = flags.String("format", "Output format {pretty|json}", "pretty");
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

        SnapshotContents contents;
        await using (input.ConfigureAwait(false))
        {
            try
            {
                contents = await SnapshotArchive.ReadAsync(input, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                io.Error.WriteLine($"Error reading snapshot: {ex.Message}");
                return 1;
            }
        }

        IReadOnlyList<StateRecord> records;
        try
        {
            records = StateRecords.Read(contents.State);
        }
        catch (InvalidDataException ex)
        {
            io.Error.WriteLine($"Error extracting snapshot data: {ex.Message}");
            return 1;
        }

        var report = SnapshotInspectReport.Build(contents.Meta, records, kvDetails.Value ? kvDepth.Value : null, kvFilter.Value ?? "");
        switch (format.Value)
        {
            case "pretty":
                io.Out.WriteLine(report.FormatPretty());
                return 0;
            case "json":
                io.Out.WriteLine(report.FormatJson());
                return 0;
            default:
                io.Error.WriteLine($"Error outputting enhanced snapshot data: Unknown format: {format.Value}");
                return 1;
        }
    }
}
