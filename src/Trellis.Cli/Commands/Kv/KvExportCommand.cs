using System.Text.Encodings.Web;
using System.Text.Json;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Kv;

/// <summary><c>trellis kv export [KEY_OR_PREFIX]</c>: writes a tree as a JSON array of {key, flags, value (Base64)}.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class KvExportCommand
{
    public const string Synopsis = "Exports a tree from the KV store as JSON";

    private const string Help = """
        Usage: trellis kv export [KEY_OR_PREFIX]

          Writes the key-value pairs under the prefix as JSON to standard output, in the
          form "trellis kv import" (and Consul's) reads.
        """;

    private static readonly CliJsonContext Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        IndentCharacter = '\t',
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("kv export");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (flags.Arguments.Count > 1)
        {
            io.Error.WriteLine($"Too many arguments (expected 1, got {flags.Arguments.Count})");
            return 1;
        }

        var prefix = CommandLine.TrimKey(flags.Arguments.Count == 1 ? flags.Arguments[0] : "");
        using var client = http.CreateClient(io);
        IReadOnlyList<Core.Kv.KvEntry> entries;
        try
        {
            entries = (await client.Kv.ListAsync(prefix, http.ReadOptions(), cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
        {
            io.Error.WriteLine($"Error querying Consul agent: {ex.Message}");
            return 1;
        }

        var exported = entries
            .Select(e => new KvExportEntry { Key = e.Key, Flags = e.Flags, Value = Convert.ToBase64String(e.Value ?? []) })
            .ToList();
        io.Out.WriteLine(JsonSerializer.Serialize(exported, Json.ListKvExportEntry));
        return 0;
    }
}
