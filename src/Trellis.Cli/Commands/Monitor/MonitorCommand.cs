using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Monitor;

/// <summary>
/// <c>trellis monitor [-log-level=info] [-log-json]</c>: prints the agent's log lines as they are written until
/// interrupted (exit 0) or until the agent ends the stream (exit 1, with Consul's message).
/// </summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class MonitorCommand
{
    public const string Synopsis = "Stream logs from a Consul agent";

    private const string Help = """
        Usage: trellis monitor [options]

          Shows recent log messages of an agent, and attaches to the agent,
          outputting log messages as they occur in real time. The monitor lets you
          listen for log levels that may be filtered out of the agent's own log. For
          example your agent may only be logging at INFO level, but with the monitor
          you can see the DEBUG level logs.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("monitor");
        var http = new HttpFlags().AddClientFlags(flags);
        var level = flags.String("log-level", "Log level of the agent.", "INFO");
        var json = flags.Bool("log-json", "Output logs in JSON format.");
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
            await foreach (var line in client.Agent.MonitorAsync(level.Value ?? "INFO", json.Value, cancellationToken).ConfigureAwait(false))
            {
                io.Out.WriteLine(line);
                await io.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            io.Error.WriteLine($"Error starting monitor: {ex.Message}");
            return 1;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }

        io.Out.WriteLine();
        io.Out.WriteLine("Remote side ended the monitor! This usually means that the\nremote side has exited or crashed.");
        return 1;
    }
}
