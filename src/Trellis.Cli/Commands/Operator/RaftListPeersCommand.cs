using System.Globalization;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Operator;

namespace Trellis.Cli.Commands.Operator;

/// <summary>
/// <c>trellis operator raft list-peers</c>: the Raft configuration as Consul 1.20 prints it
/// (Node, ID, Address, State, Voter, RaftProtocol, Commit Index, Trails Leader By).
/// </summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class RaftListPeersCommand
{
    public const string Synopsis = "Display the current Raft peer configuration";

    private const string Help = """
        Usage: trellis operator raft list-peers [options]

          Displays the current Raft peer configuration.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("operator raft list-peers");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        using var client = http.CreateClient(io);
        RaftConfiguration configuration;
        try
        {
            configuration = (await client.Operator.RaftConfigurationAsync(http.ReadOptions(), cancellationToken)
                .ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
        {
            io.Error.WriteLine($"Error getting peers: Failed to retrieve raft configuration: {ex.Message}");
            return 1;
        }

        AutopilotHealth? health;
        try
        {
            health = (await client.Operator.GetAutopilotHealthAsync(http.ReadOptions(), cancellationToken)
                .ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ex is Api.ApiException or System.Text.Json.JsonException)
        {
            // Consul fails here; an agent without autopilot health still gets the peer table, minus the commit columns.
            health = null;
        }
        catch (HttpRequestException ex)
        {
            io.Error.WriteLine($"Error getting peers: Failed to retrieve autopilot health: {ex.Message}");
            return 1;
        }

        io.Out.WriteLine(Format(configuration, health));
        return 0;
    }

    private static readonly string[] Header =
        ["Node", "ID", "Address", "State", "Voter", "RaftProtocol", "Commit Index", "Trails Leader By"];

    public static string Format(RaftConfiguration configuration, AutopilotHealth? health)
    {
        var byId = (health?.Servers ?? []).GroupBy(s => s.ID, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        ulong leaderIndex = 0;
        foreach (var server in configuration.Servers)
        {
            if (server.Leader && byId.TryGetValue(server.ID, out var leaderHealth))
            {
                leaderIndex = leaderHealth.LastIndex;
            }
        }

        var rows = new List<IReadOnlyList<string>> { Header };
        foreach (var server in configuration.Servers)
        {
            var protocol = string.IsNullOrEmpty(server.ProtocolVersion) ? "<=1" : server.ProtocolVersion;
            var state = server.Leader ? "leader" : "follower";
            var voter = server.Voter ? "true" : "false";
            if (byId.TryGetValue(server.ID, out var serverHealth))
            {
                var trails = leaderIndex - serverHealth.LastIndex;
                var trailsText = server.Leader ? "_" : trails <= 1 ? $"{trails} Commit" : $"{trails} Commits";
                rows.Add([server.Node, server.ID, server.Address, state, voter, protocol,
                    serverHealth.LastIndex.ToString(CultureInfo.InvariantCulture), trailsText]);
            }
            else
            {
                rows.Add([server.Node, server.ID, server.Address, state, voter, protocol, "_"]);
            }
        }

        return TextTables.Columnize(rows);
    }
}
