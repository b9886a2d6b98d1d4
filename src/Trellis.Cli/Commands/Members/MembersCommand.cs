using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Trellis.Api.Agent;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Members;

namespace Trellis.Cli.Commands.Members;

/// <summary><c>trellis members [options]</c>: the gossip members as a table, servers first.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class MembersCommand
{
    public const string Synopsis = "Lists the members of a Consul cluster";

    private const string Help = """
        Usage: trellis members [options]

          Outputs the members of a running agent's cluster.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("members");
        var detailed = flags.Bool("detailed", "Provides detailed information about nodes.");
        var wan = flags.Bool("wan", "If the agent is in server mode, list the peers in the WAN pool.");
        var status = flags.String("status", "If provided, output is filtered to only nodes matching the regular expression for status.", ".*");
        var segment = flags.String("segment", "(Enterprise-only) Filter to nodes in the given segment.", "");
        var filter = flags.String("filter", "Filter to use with the request.", "");
        flags.String("partition", "(Enterprise-only) Admin partition; accepted and ignored.");
        var http = new HttpFlags().AddClientFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        Regex statusRe;
        try
        {
            statusRe = new Regex(status.Value ?? ".*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            io.Error.WriteLine($"Failed to compile status regexp: {ex.Message}");
            return 1;
        }

        using var client = http.CreateClient(io);
        IReadOnlyList<Member> members;
        try
        {
            members = await client.Agent.MembersAsync(wan.Value, segment.Value, filter.Value, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.ApiException)
        {
            io.Error.WriteLine($"Error retrieving members: {ex.Message}");
            return 1;
        }

        var shown = members
            .Select(m => (Member: m, Tags: DecorateTags(m)))
            .Where(x => statusRe.IsMatch(MemberStatus.Name(x.Member.Status)))
            .OrderBy(x => x.Tags.GetValueOrDefault("role") == "consul" ? 0 : 1)
            .ThenBy(x => IsDefault(x.Tags.GetValueOrDefault("ap")) ? 0 : 1)
            .ThenBy(x => x.Tags.GetValueOrDefault("segment") ?? "", StringComparer.Ordinal)
            .ThenBy(x => x.Tags.GetValueOrDefault("ap") ?? "", StringComparer.Ordinal)
            .ThenBy(x => x.Member.Name, StringComparer.Ordinal)
            .ToList();
        if (shown.Count == 0)
        {
            return 2;
        }

        var rows = new List<IReadOnlyList<string>>();
        if (detailed.Value)
        {
            rows.Add(["Node", "Address", "Status", "Tags"]);
            foreach (var (member, _) in shown)
            {
                var tags = string.Join(',', (member.Tags ?? new Dictionary<string, string>())
                    .OrderBy(t => t.Key, StringComparer.Ordinal)
                    .Select(t => $"{t.Key}={t.Value}"));
                rows.Add([member.Name, Address(member), MemberStatus.Name(member.Status), tags]);
            }
        }
        else
        {
            rows.Add(["Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment"]);
            foreach (var (member, tags) in shown)
            {
                var build = tags.GetValueOrDefault("build") ?? "";
                build = build.Length == 0 ? "< 0.3" : build.Split(':')[0];
                var type = tags.GetValueOrDefault("role") switch
                {
                    "consul" => "server",
                    "node" => "client",
                    _ => null,
                };
                rows.Add(type is null
                    ? [member.Name, Address(member), MemberStatus.Name(member.Status), "unknown", "", "", "", "", ""]
                    : [member.Name, Address(member), MemberStatus.Name(member.Status), type, build, tags.GetValueOrDefault("vsn") ?? "",
                        tags.GetValueOrDefault("dc") ?? "", tags.GetValueOrDefault("ap") ?? "", tags.GetValueOrDefault("segment") ?? ""]);
            }
        }

        io.Out.WriteLine(TextTables.Columnize(rows));
        return 0;
    }

    /// <summary>Go's net.TCPAddr text: "ip:port", IPv6 in brackets.</summary>
    public static string Address(Member member)
    {
        var port = member.Port.ToString(CultureInfo.InvariantCulture);
        return IPAddress.TryParse(member.Addr, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{member.Addr}]:{port}"
            : $"{member.Addr}:{port}";
    }

    // Consul fills in partition "default" and segment "<all>" (servers) or "<default>" (clients) for display.
    private static Dictionary<string, string> DecorateTags(Member member)
    {
        var tags = new Dictionary<string, string>(member.Tags ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (string.IsNullOrEmpty(tags.GetValueOrDefault("ap")))
        {
            tags["ap"] = "default";
        }

        if (IsDefault(tags["ap"]))
        {
            if (tags.GetValueOrDefault("role") == "consul")
            {
                tags["segment"] = "<all>";
            }
            else if (string.IsNullOrEmpty(tags.GetValueOrDefault("segment")))
            {
                tags["segment"] = "<default>";
            }
        }
        else
        {
            tags["segment"] = "";
        }

        return tags;
    }

    private static bool IsDefault(string? partition) => string.IsNullOrEmpty(partition) || partition == "default";
}
