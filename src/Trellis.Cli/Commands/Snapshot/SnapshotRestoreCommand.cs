using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Snapshot;

/// <summary><c>trellis snapshot restore [options] FILE</c>: uploads a snapshot archive to replace the servers' state.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class SnapshotRestoreCommand
{
    public const string Synopsis = "Restores snapshot of Consul server state";

    private const string Help = """
        Usage: trellis snapshot restore [options] FILE

          Restores an atomic, point-in-time snapshot of the servers' state from FILE.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("snapshot restore");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
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

        using var client = http.CreateClient(io);
        await using (input.ConfigureAwait(false))
        {
            try
            {
                await client.Snapshot.RestoreAsync(input, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
            {
                io.Error.WriteLine($"Error restoring snapshot: {ex.Message}");
                return 1;
            }
        }

        io.Out.WriteLine("Restored snapshot");
        return 0;
    }
}
