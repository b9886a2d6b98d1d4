using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Catalog;

/// <summary><c>trellis catalog services</c>: service names of a datacenter or node, optionally with their tags.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class CatalogServicesCommand
{
    public const string Synopsis = "Lists all registered services in a datacenter";

    private const string Help = """
        Usage: trellis catalog services [options]

          Retrieves the list of services registered in a given datacenter. By default,
          the datacenter of the local agent is queried.

              $ trellis catalog services
              $ trellis catalog services -tags
              $ trellis catalog services -node=web
              $ trellis catalog services -node-meta="foo=bar"
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("catalog services");
        var node = flags.String("node", "Node id or name for which to list services.");
        var nodeMeta = flags.Map("node-meta", "Metadata to filter nodes with the given key=value pairs. If specified, only services running on nodes matching the given metadata will be returned. This flag may be specified multiple times to filter on multiple sources of metadata.");
        var tags = flags.Bool("tags", "Display each service's tags as a comma-separated list beside each service entry.");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParseFlagsOnly(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        using var client = ApiFailure.TryCreateClient(http, io);
        if (client is null)
        {
            return 1;
        }

        var options = http.ReadOptions() with { NodeMeta = nodeMeta.Value.Count == 0 ? null : nodeMeta.Value };
        var services = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(node.Value))
        {
            try
            {
                var map = (await client.Catalog.NodeAsync(node.Value, options, cancellationToken).ConfigureAwait(false)).Value;
                foreach (var service in map?.Services.Values ?? [])
                {
                    if (!services.TryGetValue(service.Service, out var list))
                    {
                        services[service.Service] = list = [];
                    }

                    list.AddRange(service.Tags ?? []);
                }
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                io.Error.WriteLine($"Error listing services for node: {ex.Message}");
                return 1;
            }
        }
        else
        {
            try
            {
                var all = (await client.Catalog.ServicesAsync(options, cancellationToken).ConfigureAwait(false)).Value;
                foreach (var (name, serviceTags) in all)
                {
                    services[name] = [.. serviceTags];
                }
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                io.Error.WriteLine($"Error listing services: {ex.Message}");
                return 1;
            }
        }

        if (services.Count == 0)
        {
            // Consul compat: an empty result is reported on stderr but is not a failure.
            io.Error.WriteLine("No services match the given query - try expanding your search.");
            return 0;
        }

        io.Out.WriteLine(Format(services, tags.Value));
        return 0;
    }

    /// <summary>
    /// Names sorted ordinally, one per line; with tags, Go's tabwriter layout (padding 6) of "name\ttag,tag" with
    /// each service's tags sorted, trimmed as Consul trims it.
    /// </summary>
    public static string Format(IReadOnlyDictionary<string, List<string>> services, bool withTags)
    {
        var names = services.Keys.Order(StringComparer.Ordinal).ToList();
        if (!withTags)
        {
            return string.Join('\n', names);
        }

        var rows = names
            .Select(n => (IReadOnlyList<string>)[n, string.Join(',', services[n].Order(StringComparer.Ordinal))])
            .ToList();
        return TextTables.TabAlign(rows, minWidth: 0, padding: 6).Trim();
    }
}
