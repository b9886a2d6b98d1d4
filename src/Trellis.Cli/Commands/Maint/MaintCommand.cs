using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Catalog;
using Trellis.Core.Services;

namespace Trellis.Cli.Commands.Maint;

/// <summary>
/// <c>trellis maint</c>: enables or disables maintenance mode of the node or of one local service; without
/// -enable/-disable lists what is in maintenance.
/// </summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class MaintCommand
{
    public const string Synopsis = "Controls node or service maintenance mode";

    private const string Help = """
        Usage: trellis maint [options]

          Places a node or service into maintenance mode. During maintenance mode, the
          node or service is excluded from all queries through the DNS or API
          interfaces, by registering an additional critical health check whose Notes
          hold the optional reason.

          By default the node as a whole is affected; -service selects one service ID.
          Without -enable or -disable, the agent's maintenance status is shown (blank
          if nothing is in maintenance).
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("maint");
        var http = new HttpFlags().AddClientFlags(flags);
        var enable = flags.Bool("enable", "Enable maintenance mode.");
        var disable = flags.Bool("disable", "Disable maintenance mode.");
        var reason = flags.String("reason", "Text describing the maintenance reason.");
        var service = flags.String("service", "Control maintenance mode for a specific service ID.");
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (enable.Value && disable.Value)
        {
            io.Error.WriteLine("Only one of -enable or -disable may be provided");
            return 1;
        }

        if (!enable.Value && !string.IsNullOrEmpty(reason.Value))
        {
            io.Error.WriteLine("Reason may only be provided with -enable");
            return 1;
        }

        if (!enable.Value && !disable.Value && !string.IsNullOrEmpty(service.Value))
        {
            io.Error.WriteLine("Service requires either -enable or -disable");
            return 1;
        }

        using var client = ApiFailure.TryCreateClient(http, io);
        if (client is null)
        {
            return 1;
        }

        string nodeName;
        try
        {
            nodeName = await client.Agent.NodeNameAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            io.Error.WriteLine($"Error querying Consul agent: {ex.Message}");
            return 1;
        }

        if (!enable.Value && !disable.Value)
        {
            IReadOnlyDictionary<string, HealthCheck> checks;
            try
            {
                checks = await client.Agent.ChecksAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                io.Error.WriteLine($"Error getting checks: {ex.Message}");
                return 1;
            }

            io.Out.Write(FormatList(nodeName, checks.Values));
            return 0;
        }

        var serviceId = service.Value;
        var node = string.IsNullOrEmpty(serviceId);
        try
        {
            if (enable.Value)
            {
                await (node
                    ? client.Agent.EnableNodeMaintenanceAsync(reason.Value, cancellationToken)
                    : client.Agent.EnableServiceMaintenanceAsync(serviceId!, reason.Value, cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                await (node
                    ? client.Agent.DisableNodeMaintenanceAsync(cancellationToken)
                    : client.Agent.DisableServiceMaintenanceAsync(serviceId!, cancellationToken)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ApiFailure.Is(ex))
        {
            var verb = enable.Value ? "enabling" : "disabling";
            io.Error.WriteLine($"Error {verb} {(node ? "node" : "service")} maintenance: {ex.Message}");
            return 1;
        }

        var state = enable.Value ? "enabled" : "disabled";
        io.Out.WriteLine(node
            ? $"Node maintenance is now {state}"
            : $"Service maintenance is now {state} for \"{serviceId}\"");
        return 0;
    }

    /// <summary>
    /// The list mode's text: a "Node:" block for the node maintenance check and a "Service:" block per service
    /// maintenance check (ordered by check ID), each followed by a blank line.
    /// </summary>
    public static string FormatList(string nodeName, IEnumerable<HealthCheck> checks)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var check in checks.OrderBy(c => c.CheckID, StringComparer.Ordinal))
        {
            if (check.CheckID == MaintenanceChecks.NodeCheckId)
            {
                builder.Append("Node:\n  Name:   ").Append(nodeName).Append("\n  Reason: ").Append(check.Notes).Append("\n\n");
            }
            else if (check.CheckID.StartsWith(MaintenanceChecks.ServicePrefix, StringComparison.Ordinal))
            {
                builder.Append("Service:\n  ID:     ").Append(check.ServiceID).Append("\n  Reason: ").Append(check.Notes).Append("\n\n");
            }
        }

        return builder.ToString();
    }
}
