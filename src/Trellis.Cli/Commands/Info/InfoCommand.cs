using System.Text.Json;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Info;

/// <summary><c>trellis info</c>: the agent's Stats from /v1/agent/self, one sorted section per top-level key.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class InfoCommand
{
    public const string Synopsis = "Provides debugging information for operators.";

    private const string Help = """
        Usage: trellis info [options]

          Provides debugging information for operators
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("info");
        var http = new HttpFlags().AddClientFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        using var client = http.CreateClient(io);
        JsonDocument self;
        try
        {
            self = await client.Agent.SelfAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.ApiException or JsonException)
        {
            io.Error.WriteLine($"Error querying agent: {ex.Message}");
            return 1;
        }

        using (self)
        {
            if (self.RootElement.ValueKind != JsonValueKind.Object ||
                !self.RootElement.TryGetProperty("Stats", out var stats) || stats.ValueKind != JsonValueKind.Object)
            {
                io.Error.WriteLine($"Agent response did not contain 'Stats' key: {self.RootElement.GetRawText()}");
                return 1;
            }

            foreach (var section in stats.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                io.Out.WriteLine(section.Name + ":");
                if (section.Value.ValueKind != JsonValueKind.Object)
                {
                    io.Error.WriteLine($"Got invalid subkey in stats: {section.Value.GetRawText()}");
                    return 1;
                }

                foreach (var item in section.Value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    var value = item.Value.ValueKind == JsonValueKind.String ? item.Value.GetString() : item.Value.GetRawText();
                    io.Out.WriteLine($"\t{item.Name} = {value}");
                }
            }
        }

        return 0;
    }
}
