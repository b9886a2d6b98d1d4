using System.Net;
using Trellis.Api;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Watch;

/// <summary>
/// <c>trellis watch -type=...</c>: without a child command prints the current result as JSON and exits; with one,
/// runs it with each new result on standard input until it fails or the watch is interrupted.
/// </summary>
/// <remarks>Stateless; each run owns its flags, client and plan.</remarks>
public static class WatchCommand
{
    public const string Synopsis = "Watch for changes in Consul";

    private const string Help = """
        Usage: trellis watch [options] [child...]

          Watches for changes in a given data view. If a child process is specified, it
          is invoked with the latest results on changes. Otherwise, the latest values
          are dumped to stdout and the watch terminates.

          Providing the watch type is required, and other parameters may be required or
          supported depending on the watch type (key, keyprefix, services, nodes,
          service, checks, event).
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("watch");
        var type = flags.String("type", "Specifies the watch type. One of key, keyprefix, services, nodes, service, checks, or event.");
        var key = flags.String("key", "Specifies the key to watch. Only for 'key' type.");
        var prefix = flags.String("prefix", "Specifies the key prefix to watch. Only for 'keyprefix' type.");
        var service = flags.String("service", "Specifies the service to watch. Required for 'service' type, optional for 'checks' type.");
        var tag = flags.String("tag", "Specifies the service tag to filter on. Optional for 'service' type.");
        var passingOnly = flags.String("passingonly", "Specifies if only hosts passing all checks are displayed. Optional for 'service' type, must be one of [true|false]. Defaults false.");
        var shell = flags.Bool("shell", "Use a shell to run the command (can set a custom shell via the SHELL environment variable).", defaultValue: true);
        var state = flags.String("state", "Specifies the states to watch. Optional for 'checks' type.");
        var name = flags.String("name", "Specifies an event name to watch. Only for 'event' type.");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (string.IsNullOrEmpty(type.Value))
        {
            io.Error.WriteLine("Watch type must be specified");
            io.Error.WriteLine("");
            io.Error.WriteLine(CommandLine.Usage(Help, flags));
            return 1;
        }

        var options = http.ToClientOptions(io.GetEnvironmentVariable);
        var parameters = new WatchParameters().Set("type", type.Value);
        if (!string.IsNullOrEmpty(options.Datacenter))
        {
            parameters.Set("datacenter", options.Datacenter);
        }

        var token = options.ResolveToken();
        if (!string.IsNullOrEmpty(token))
        {
            parameters.Set("token", token);
        }

        AddIfSet(parameters, "key", key.Value);
        AddIfSet(parameters, "prefix", prefix.Value);
        AddIfSet(parameters, "service", service.Value);
        AddIfSet(parameters, "tag", tag.Value);
        if (http.Stale)
        {
            parameters.Set("stale", true);
        }

        AddIfSet(parameters, "state", state.Value);
        AddIfSet(parameters, "name", name.Value);
        if (!string.IsNullOrEmpty(passingOnly.Value))
        {
            if (!TryParseGoBool(passingOnly.Value, out var passing))
            {
                io.Error.WriteLine($"Failed to parse passingonly flag: strconv.ParseBool: parsing \"{passingOnly.Value}\": invalid syntax");
                return 1;
            }

            parameters.Set("passingonly", passing);
        }

        WatchPlan plan;
        try
        {
            plan = WatchPlan.Parse(parameters);
        }
        catch (WatchPlanException ex)
        {
            io.Error.WriteLine(ex.Message);
            return 1;
        }

        using var client = await ApiFailure.TryConnectAsync(http, io, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return 1;
        }

        var exitCode = 0;
        Func<ulong, string, Task<bool>> handler;
        if (flags.Arguments.Count == 0)
        {
            handler = (_, json) =>
            {
                io.Out.WriteLine(WatchJson.Indent(json));
                return Task.FromResult(false);
            };
        }
        else
        {
            var child = new WatchHandler(flags.Arguments, shell.Value, io);
            handler = async (index, json) =>
            {
                if (await child.RunAsync(index, json, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                exitCode = 1;
                return false;
            };
        }

        try
        {
            await new WatchRunner(plan, client, io).RunAsync(handler, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            io.Error.WriteLine($"Error querying Consul agent: {ex.Message} (this agent has no /v1/event API yet)");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Consul compat: an interrupted watch exits 0.
            return 0;
        }

        return exitCode;
    }

    private static void AddIfSet(WatchParameters parameters, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parameters.Set(name, value);
        }
    }

    /// <summary>Go's strconv.ParseBool.</summary>
    private static bool TryParseGoBool(string raw, out bool value)
    {
        switch (raw)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
