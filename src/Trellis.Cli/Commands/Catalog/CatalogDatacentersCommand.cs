using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Catalog;

/// <summary><c>trellis catalog datacenters</c>: every known datacenter, one per line.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class CatalogDatacentersCommand
{
    public const string Synopsis = "Lists all known datacenters";

    private const string Help = """
        Usage: trellis catalog datacenters [options]

          Retrieves the list of all known datacenters, sorted by estimated round trip
          time from this datacenter's servers.

              $ trellis catalog datacenters
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("catalog datacenters");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParseFlagsOnly(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        using var client = ApiFailure.TryCreateClient(http, io);
        if (client is null)
        {
            return 1;
        }

        try
        {
            foreach (var dc in await client.Catalog.DatacentersAsync(cancellationToken).ConfigureAwait(false))
            {
                io.Out.WriteLine(dc);
            }
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            io.Error.WriteLine($"Error listing datacenters: {ex.Message}");
            return 1;
        }

        return 0;
    }
}
