using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Kv;

namespace Trellis.Cli.Commands.Kv;

/// <summary><c>trellis kv put [options] KEY [DATA]</c>: writes a value, optionally as CAS, lock acquire or release.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class KvPutCommand
{
    public const string Synopsis = "Sets or updates data in the KV store";

    private const string Help = """
        Usage: trellis kv put [options] KEY [DATA]

          Writes the data to the given path in the key-value store. DATA may be "@file" to
          read a file or "-" to read standard input; omitted, an empty value is written.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("kv put");
        var cas = flags.Bool("cas", "Perform a Check-And-Set operation (requires -modify-index).");
        var kvFlags = flags.UInt64("flags", "Unsigned integer value to assign to this key-value pair.");
        var base64 = flags.Bool("base64", "Treat the data as base 64 encoded.");
        var modifyIndex = flags.UInt64("modify-index", "ModifyIndex of the key, used with -cas.");
        var session = flags.String("session", "Session ID to use with -acquire and -release.", "");
        var acquire = flags.Bool("acquire", "Obtain a lock on the key (requires -session).");
        var release = flags.Bool("release", "Forfeit the lock on the key (requires -session).");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        var rest = flags.Arguments;
        if (rest.Count == 0)
        {
            io.Error.WriteLine("Error! Missing KEY argument");
            return 1;
        }

        if (rest.Count > 2)
        {
            io.Error.WriteLine($"Error! Too many arguments (expected 1 or 2, got {rest.Count})");
            return 1;
        }

        var key = rest[0];
        byte[] data;
        try
        {
            data = rest.Count == 2 ? await KvData.ReadAsync(rest[1], io, cancellationToken).ConfigureAwait(false) : [];
        }
        catch (KvDataException ex)
        {
            io.Error.WriteLine($"Error! {ex.Message}");
            return 1;
        }

        if (base64.Value)
        {
            try
            {
                data = Convert.FromBase64String(System.Text.Encoding.UTF8.GetString(data));
            }
            catch (FormatException ex)
            {
                // Consul prints this and goes on writing an empty value; we stop instead.
                io.Error.WriteLine($"Error! Cannot base 64 decode data: {ex.Message}");
                return 1;
            }
        }

        if ((release.Value || acquire.Value) && string.IsNullOrEmpty(session.Value))
        {
            io.Error.WriteLine("Error! Missing -session (required with -acquire and -release)");
            return 1;
        }

        if (cas.Value && modifyIndex.Value == 0)
        {
            io.Error.WriteLine("Must specify -modify-index with -cas!");
            return 1;
        }

        var entry = new KvEntry
        {
            Key = key,
            ModifyIndex = modifyIndex.Value,
            Flags = kvFlags.Value,
            Value = data,
            Session = string.IsNullOrEmpty(session.Value) ? null : session.Value,
        };
        using var client = http.CreateClient(io);
        try
        {
            if (cas.Value)
            {
                if (!await client.Kv.CasAsync(entry, null, cancellationToken).ConfigureAwait(false))
                {
                    io.Error.WriteLine($"Error! Did not write to {key}: CAS failed");
                    return 1;
                }

                io.Out.WriteLine($"Success! Data written to: {key}");
                return 0;
            }

            if (acquire.Value)
            {
                if (!await client.Kv.AcquireAsync(entry, null, cancellationToken).ConfigureAwait(false))
                {
                    io.Error.WriteLine("Error! Did not acquire lock");
                    return 1;
                }

                io.Out.WriteLine($"Success! Lock acquired on: {key}");
                return 0;
            }

            if (release.Value)
            {
                if (!await client.Kv.ReleaseAsync(entry, null, cancellationToken).ConfigureAwait(false))
                {
                    io.Error.WriteLine("Error! Did not release lock");
                    return 1;
                }

                io.Out.WriteLine($"Success! Lock released on: {key}");
                return 0;
            }

            await client.Kv.PutAsync(entry, null, cancellationToken).ConfigureAwait(false);
            io.Out.WriteLine($"Success! Data written to: {key}");
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
        {
            io.Error.WriteLine(cas.Value
                ? $"Error! Did not write to {key}: {ex.Message}"
                : $"Error! Failed writing data: {ex.Message}");
            return 1;
        }
    }
}
