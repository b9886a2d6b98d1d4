using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Snapshots;

namespace Trellis.Cli.Commands.Snapshot;

/// <summary><c>trellis snapshot save [options] FILE</c>: downloads, verifies, then renames into place.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class SnapshotSaveCommand
{
    public const string Synopsis = "Saves snapshot of Consul server state";

    private const string Help = """
        Usage: trellis snapshot save [options] FILE

          Retrieves an atomic, point-in-time snapshot of the servers' state and writes it to FILE.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("snapshot save");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        flags.String("append-filename", "Append version, dc, node or status to the file name (accepted; not applied).");
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (!CommandLine.TryGetSingleFile(flags, io, out var file))
        {
            return 1;
        }

        var unverified = file + ".unverified";
        using var client = http.CreateClient(io);
        ulong index;
        try
        {
            var output = new FileStream(unverified, FileMode.Create, FileAccess.Write, FileShare.None);
            await using (output.ConfigureAwait(false))
            {
                index = (await client.Snapshot.SaveAsync(output, http.ReadOptions(), cancellationToken).ConfigureAwait(false)).Index;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
        {
            File.Delete(unverified);
            io.Error.WriteLine($"Error saving snapshot: {ex.Message}");
            return 1;
        }
        catch (IOException ex)
        {
            io.Error.WriteLine($"Error writing unverified snapshot file: {ex.Message}");
            return 1;
        }

        try
        {
            var input = File.OpenRead(unverified);
            await using (input.ConfigureAwait(false))
            {
                await SnapshotArchive.ReadAsync(input, cancellationToken).ConfigureAwait(false);
            }

            File.Move(unverified, file, overwrite: true);
        }
        catch (InvalidDataException ex)
        {
            io.Error.WriteLine($"Error verifying snapshot file: {ex.Message}");
            return 1;
        }
        catch (IOException ex)
        {
            io.Error.WriteLine($"Error renaming \"{unverified}\" to \"{file}\": {ex.Message}");
            return 1;
        }
        finally
        {
            File.Delete(unverified);
        }

        io.Out.WriteLine($"Saved and verified snapshot to index {index}");
        return 0;
    }
}
