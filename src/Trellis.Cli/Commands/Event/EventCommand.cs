using System.Text;
using System.Text.RegularExpressions;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Event;

/// <summary>
/// <c>trellis event -name=NAME [-node=RE] [-service=RE] [-tag=RE] [payload]</c>: fires a user event and prints its ID,
/// with Consul's checks and texts.
/// </summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class EventCommand
{
    public const string Synopsis = "Fire a new event";

    private const string Help = """
        Usage: trellis event [options] [payload]

          Dispatches a custom user event across a datacenter. An event must provide
          a name, but a payload is optional. Events support filtering using
          regular expressions on node name, service, and tag definitions.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("event");
        var http = new HttpFlags().AddClientFlags(flags);
        var name = flags.String("name", "Name of the event.", "");
        var node = flags.String("node", "Regular expression to filter on node names.", "");
        var service = flags.String("service", "Regular expression to filter on service instances.", "");
        var tag = flags.String("tag", "Regular expression to filter on service tags. Must be used with -service.", "");
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (string.IsNullOrEmpty(name.Value))
        {
            io.Error.WriteLine("Event name must be specified");
            io.Error.WriteLine();
            io.Error.WriteLine(Help);
            return 1;
        }

        foreach (var (value, what) in new[] { (node.Value, "node"), (service.Value, "service"), (tag.Value, "tag") })
        {
            if (!string.IsNullOrEmpty(value) && CompileError(value) is { } error)
            {
                io.Error.WriteLine($"Failed to compile {what} filter regexp: {error}");
                return 1;
            }
        }

        if (!string.IsNullOrEmpty(tag.Value) && string.IsNullOrEmpty(service.Value))
        {
            io.Error.WriteLine("Cannot provide tag filter without service filter.");
            return 1;
        }

        if (flags.Arguments.Count > 1)
        {
            io.Error.WriteLine("Too many command line arguments.");
            io.Error.WriteLine();
            io.Error.WriteLine(Help);
            return 1;
        }

        using var client = await ApiFailure.TryConnectAsync(http, io, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return 1;
        }

        try
        {
            var payload = flags.Arguments.Count == 1 ? Encoding.UTF8.GetBytes(flags.Arguments[0]) : null;
            var fired = await client.Event.FireAsync(name.Value!, payload, node.Value, service.Value, tag.Value, null, cancellationToken)
                .ConfigureAwait(false);
            io.Out.WriteLine($"Event ID: {fired.ID}");
            return 0;
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            io.Error.WriteLine($"Error firing event: {ex.Message}");
            return 1;
        }
    }

    private static string? CompileError(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
