using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Reload;

/// <summary><c>trellis reload</c>: asks the agent to reload its configuration files (like SIGHUP).</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class ReloadCommand
{
    public const string Synopsis = "Triggers the agent to reload configuration files";

    private const string Help = """
        Usage: trellis reload

          Causes the agent to reload configurations. This can be used instead of sending
          the SIGHUP signal to the agent.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("reload");
        var http = new HttpFlags().AddClientFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
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
            await client.Agent.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            io.Error.WriteLine($"Error reloading: {ex.Message}");
            return 1;
        }

        io.Out.WriteLine("Configuration reload triggered");
        return 0;
    }
}
