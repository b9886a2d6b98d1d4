using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Catalog;
using Trellis.Core.Queries;

namespace Trellis.Cli.Commands.Catalog;

/// <summary><c>trellis catalog nodes</c>: the nodes of a datacenter, optionally those providing a service.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class CatalogNodesCommand
{
    public const string Synopsis = "Lists all nodes in the given datacenter";

    private const string Help = """
        Usage: trellis catalog nodes [options]

          Retrieves the list of nodes registered in a given datacenter. By default, the
          datacenter of the local agent is queried.

              $ trellis catalog nodes
              $ trellis catalog nodes -detailed
              $ trellis catalog nodes -service=web
              $ trellis catalog nodes -node-meta="foo=bar"
              $ trellis catalog nodes -near=node-web
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("catalog nodes");
        var filter = flags.String("filter", "Filter to use with the request");
        var detailed = flags.Bool("detailed", "Output detailed information about the nodes including their addresses and metadata.");
        var near = flags.String("near", "Node name to sort the node list in ascending order based on estimated round-trip time from that node. Passing \"_agent\" will use this agent's node for sorting.");
        var nodeMeta = flags.Map("node-meta", "Metadata to filter nodes with the given key=value pairs. This flag may be specified multiple times to filter on multiple sources of metadata.");
        var service = flags.String("service", "Service id or name to filter nodes. Only nodes which are providing the given service will be returned.");
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

        string? filterText = filter.Value;
        if (!string.IsNullOrEmpty(filterText))
        {
            try
            {
                filterText = DataSource.Load(filterText, io);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                io.Error.WriteLine($"Could not process filter argument: {ex.Message}");
                return 1;
            }
        }

        var options = http.ReadOptions() with
        {
            Near = string.IsNullOrEmpty(near.Value) ? null : near.Value,
            NodeMeta = nodeMeta.Value.Count == 0 ? null : nodeMeta.Value,
            Filter = string.IsNullOrEmpty(filterText) ? null : filterText,
        };

        IReadOnlyList<CatalogNode> nodes;
        if (!string.IsNullOrEmpty(service.Value))
        {
            try
            {
                var instances = await client.Catalog.ServiceAsync(service.Value, null, options, cancellationToken).ConfigureAwait(false);
                nodes = instances.Value.Select(s => new CatalogNode
                {
                    ID = s.ID,
                    Node = s.Node,
                    Address = s.Address,
                    Datacenter = s.Datacenter,
                    TaggedAddresses = s.TaggedAddresses,
                    Meta = s.NodeMeta,
                    CreateIndex = s.CreateIndex,
                    ModifyIndex = s.ModifyIndex,
                }).ToList();
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                io.Error.WriteLine($"Error listing nodes for service: {ex.Message}");
                return 1;
            }
        }
        else
        {
            try
            {
                nodes = (await client.Catalog.NodesAsync(options, cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                io.Error.WriteLine($"Error listing nodes: {ex.Message}");
                return 1;
            }
        }

        if (nodes.Count == 0)
        {
            // Consul compat: an empty result is reported on stderr but is not a failure.
            io.Error.WriteLine("No nodes match the given query - try expanding your search.");
            return 0;
        }

        io.Out.WriteLine(TextTables.Columnize(CatalogTable.NodeRows(nodes, detailed.Value)));
        return 0;
    }
}
