using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Leave;

/// <summary><c>trellis leave</c>: asks the agent to leave the cluster gracefully and shut down.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class LeaveCommand
{
    public const string Synopsis = "Gracefully leaves the Consul cluster and shuts down";

    private const string Help = """
        Usage: trellis leave [options]

          Causes the agent to gracefully leave the cluster and shut down.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("leave");
        var http = new HttpFlags().AddClientFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (flags.Arguments.Count > 0)
        {
            io.Error.WriteLine($"Error found unexpected args: [{string.Join(' ', flags.Arguments)}]");
            io.Out.WriteLine(CommandLine.Usage(Help, flags));
            return 1;
        }

        using var client = http.CreateClient(io);
        try
        {
            await client.Agent.LeaveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
        {
            io.Error.WriteLine($"Error leaving: {ex.Message}");
            return 1;
        }

        io.Out.WriteLine("Graceful leave complete");
        return 0;
    }
}
