using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Operator;

namespace Trellis.Cli.Commands.Operator;

/// <summary>
/// <c>trellis operator autopilot state</c>: autopilot's view of the cluster, pretty-printed as Consul prints it or,
/// with <c>-format=json</c>, as Consul's indented JSON.
/// </summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class AutopilotStateCommand
{
    public const string Synopsis = "Display the current Autopilot state";

    private const string Help = """
        Usage: trellis operator autopilot state [options]

          Displays the current Autopilot state.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("operator autopilot state");
        var format = flags.String("format", "Output format {pretty|json}", AutopilotStateFormatter.Pretty);
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

        AutopilotState state;
        try
        {
            state = (await client.Operator.GetAutopilotStateAsync(http.ReadOptions(), cancellationToken)
                .ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            io.Error.WriteLine($"Error querying Autopilot state: {ex.Message}");
            return 1;
        }

        // Consul compat: the format is checked only after the state was read.
        string output;
        switch (format.Value)
        {
            case AutopilotStateFormatter.Pretty:
                output = AutopilotStateFormatter.FormatPretty(state);
                break;
            case AutopilotStateFormatter.Json:
                output = AutopilotStateFormatter.FormatJson(state);
                break;
            default:
                io.Error.WriteLine($"Unknown format: {format.Value}");
                return 1;
        }

        // Consul compat: the pretty text already ends in a newline and the UI adds one more.
        io.Out.WriteLine(output);
        return 0;
    }
}
