using System.Text;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Kv;

namespace Trellis.Cli.Commands.Kv;

/// <summary><c>trellis kv get [options] [KEY_OR_PREFIX]</c>: one value, a prefix (-recurse) or key names (-keys).</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class KvGetCommand
{
    public const string Synopsis = "Retrieves or lists data from the KV store";

    private const string Help = """
        Usage: trellis kv get [options] [KEY_OR_PREFIX]

          Retrieves the value at the given key. With -recurse, every key/value pair under
          the prefix; with -keys, only the key names. -detailed prints the entry's metadata.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("kv get");
        var base64 = flags.Bool("base64", "Base64 encode the value. The default value is false.");
        var detailed = flags.Bool("detailed", "Provide additional metadata about the key (ModifyIndex, flags, ...).");
        var keys = flags.Bool("keys", "List keys which start with the given prefix, but not their values.");
        var recurse = flags.Bool("recurse", "Recursively look at all keys prefixed with the given path.");
        var separator = flags.String("separator", "String to use as a separator between keys (with -keys).", "/");
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

        var key = CommandLine.TrimKey(flags.Arguments.Count == 1 ? flags.Arguments[0] : "");
        if (key.Length == 0 && !(recurse.Value || keys.Value))
        {
            io.Error.WriteLine("Error! Missing KEY argument");
            return 1;
        }

        using var client = http.CreateClient(io);
        try
        {
            if (keys.Value)
            {
                var names = await client.Kv.KeysAsync(key, separator.Value, http.ReadOptions(), cancellationToken)
                    .ConfigureAwait(false);
                foreach (var name in names.Value)
                {
                    io.Out.WriteLine(name);
                }

                return 0;
            }

            if (recurse.Value)
            {
                var entries = (await client.Kv.ListAsync(key, http.ReadOptions(), cancellationToken).ConfigureAwait(false)).Value;
                for (var i = 0; i < entries.Count; i++)
                {
                    if (detailed.Value)
                    {
                        io.Out.WriteLine(FormatDetailed(entries[i], base64.Value));
                        if (i < entries.Count - 1)
                        {
                            io.Out.WriteLine();
                        }
                    }
                    else
                    {
                        io.Out.WriteLine($"{entries[i].Key}:{FormatValue(entries[i].Value, base64.Value)}");
                    }
                }

                return 0;
            }

            var entry = (await client.Kv.GetAsync(key, http.ReadOptions(), cancellationToken).ConfigureAwait(false)).Value;
            if (entry is null)
            {
                io.Error.WriteLine($"Error! No key exists at: {key}");
                return 1;
            }

            io.Out.WriteLine(detailed.Value ? FormatDetailed(entry, base64.Value) : FormatValue(entry.Value, false));
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
        {
            io.Error.WriteLine($"Error querying Consul agent: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The -detailed block: aligned name/value lines, Session "-" when none, no trailing newline.</summary>
    public static string FormatDetailed(KvEntry entry, bool base64)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "CreateIndex", entry.CreateIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new[] { "Flags", entry.Flags.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new[] { "Key", entry.Key },
            new[] { "LockIndex", entry.LockIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new[] { "ModifyIndex", entry.ModifyIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new[] { "Session", string.IsNullOrEmpty(entry.Session) ? "-" : entry.Session },
            new[] { "Value", FormatValue(entry.Value, base64) },
        };
        return TextTables.TabAlign(rows, 0, 6).TrimEnd('\n');
    }

    private static string FormatValue(byte[]? value, bool base64) =>
        base64 ? Convert.ToBase64String(value ?? []) : Encoding.UTF8.GetString(value ?? []);
}
