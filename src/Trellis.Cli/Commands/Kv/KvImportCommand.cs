using System.Text;
using System.Text.Json;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Kv;

namespace Trellis.Cli.Commands.Kv;

/// <summary><c>trellis kv import [DATA]</c>: writes every entry of a <c>kv export</c> document (literal, @file or "-").</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class KvImportCommand
{
    public const string Synopsis = "Imports a tree stored as JSON to the KV store";

    private const string Help = """
        Usage: trellis kv import [DATA]

          Imports key-value pairs from the JSON written by "kv export". DATA may be the
          JSON itself, "@file" to read a file, or "-" to read standard input.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("kv import");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        flags.String("namespace", "Namespace to import into (Enterprise; accepted and ignored).");
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (flags.Arguments.Count == 0)
        {
            io.Error.WriteLine("Error! Missing DATA argument");
            return 1;
        }

        if (flags.Arguments.Count > 1)
        {
            io.Error.WriteLine($"Error! Too many arguments (expected 1, got {flags.Arguments.Count})");
            return 1;
        }

        if (flags.Arguments[0].Length == 0)
        {
            io.Error.WriteLine("Error! Empty DATA argument");
            return 1;
        }

        string data;
        try
        {
            data = Encoding.UTF8.GetString(await KvData.ReadAsync(flags.Arguments[0], io, cancellationToken).ConfigureAwait(false));
        }
        catch (KvDataException ex)
        {
            io.Error.WriteLine($"Error! {ex.Message}");
            return 1;
        }

        List<KvExportEntry> entries;
        try
        {
            entries = JsonSerializer.Deserialize(data, CliJsonContext.Default.ListKvExportEntry) ?? [];
        }
        catch (JsonException ex)
        {
            io.Error.WriteLine($"Cannot unmarshal data: {ex.Message}");
            return 1;
        }

        using var client = http.CreateClient(io);
        foreach (var entry in entries)
        {
            byte[] value;
            try
            {
                value = Convert.FromBase64String(entry.Value);
            }
            catch (FormatException ex)
            {
                io.Error.WriteLine($"Error base 64 decoding value for key {entry.Key}: {ex.Message}");
                return 1;
            }

            try
            {
                await client.Kv.PutAsync(new KvEntry { Key = entry.Key, Flags = entry.Flags, Value = value }, null,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
            {
                io.Error.WriteLine($"Error! Failed writing data for key {entry.Key}: {ex.Message}");
                return 1;
            }

            io.Out.WriteLine($"Imported: {entry.Key}");
        }

        return 0;
    }
}
