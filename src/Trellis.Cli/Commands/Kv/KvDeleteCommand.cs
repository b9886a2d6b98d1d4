using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Kv;

/// <summary><c>trellis kv delete [options] KEY_OR_PREFIX</c>: removes a key, a prefix (-recurse) or a key by CAS.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class KvDeleteCommand
{
    public const string Synopsis = "Removes data from the KV store";

    private const string Help = """
        Usage: trellis kv delete [options] KEY_OR_PREFIX

          Removes the value at the given path. With -recurse, every key under the prefix.
          If no key exists at the path, no action is taken.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("kv delete");
        var cas = flags.Bool("cas", "Perform a Check-And-Set operation (requires -modify-index).");
        var modifyIndex = flags.UInt64("modify-index", "ModifyIndex of the key, used with -cas.");
        var recurse = flags.Bool("recurse", "Recursively delete all keys with the path.");
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
        if (key.Length == 0 && !recurse.Value)
        {
            io.Error.WriteLine("Error! Missing KEY argument");
            return 1;
        }

        if (cas.Value && modifyIndex.Value == 0)
        {
            // Consul compat: the doubled "than" is Consul's wording.
            io.Error.WriteLine("Cannot delete a key that does not exist. Provide a -modify-index greater than than 0.");
            return 1;
        }

        if (modifyIndex.Value != 0 && !cas.Value)
        {
            io.Error.WriteLine("Cannot specify -modify-index without -cas!");
            return 1;
        }

        if (recurse.Value && cas.Value)
        {
            io.Error.WriteLine("Cannot specify both -cas and -recurse!");
            return 1;
        }

        using var client = http.CreateClient(io);
        if (recurse.Value)
        {
            try
            {
                await client.Kv.DeleteTreeAsync(key, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
            {
                io.Error.WriteLine($"Error! Did not delete prefix {key}: {ex.Message}");
                return 1;
            }

            io.Out.WriteLine($"Success! Deleted keys with prefix: {key}");
            return 0;
        }

        if (cas.Value)
        {
            bool deleted;
            try
            {
                deleted = await client.Kv.DeleteCasAsync(key, modifyIndex.Value, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
            {
                io.Error.WriteLine($"Error! Did not delete key {key}: {ex.Message}");
                return 1;
            }

            if (!deleted)
            {
                io.Error.WriteLine($"Error! Did not delete key {key}: CAS failed");
                return 1;
            }

            io.Out.WriteLine($"Success! Deleted key: {key}");
            return 0;
        }

        try
        {
            await client.Kv.DeleteAsync(key, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
        {
            io.Error.WriteLine($"Error deleting key {key}: {ex.Message}");
            return 1;
        }

        io.Out.WriteLine($"Success! Deleted key: {key}");
        return 0;
    }
}
