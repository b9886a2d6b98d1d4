using System.Collections.Concurrent;
using Trellis.Core.Formats;
using Trellis.Core.Operator;

namespace Trellis.Server.Operator;

/// <summary>
/// Autopilot's view of the servers (Consul's server health and autopilot state): each server of the Raft
/// configuration with its health under the current settings, when it entered that health, and the failure tolerance.
/// </summary>
/// <remarks>
/// Thread-safe: the only state is the per-server "stable since" time, kept in a concurrent map. Until multi-server
/// membership is wired only this server is ever listed, so a follower's last contact is this node's own
/// (<paramref name="selfLastContact"/> in <see cref="Servers"/>) and other servers count as just contacted.
/// </remarks>
public sealed class AutopilotView(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (bool Healthy, DateTime Since)> _stability = new(StringComparer.Ordinal);

    /// <summary>One server as autopilot sees it.</summary>
    public sealed record Server(RaftServerInfo Info, TimeSpan LastContact, bool Healthy, DateTime StableSince);

    /// <summary>The servers of <paramref name="configuration"/> with their health under <paramref name="settings"/>.</summary>
    public IReadOnlyList<Server> Servers(RaftConfiguration configuration, AutopilotConfiguration settings, string selfId, TimeSpan selfLastContact)
    {
        var threshold = GoDuration.TryParse(settings.LastContactThreshold, out var parsed) ? parsed : TimeSpan.FromMilliseconds(200);
        var leaderIndex = configuration.Servers.Where(s => s.Leader).Select(s => s.LastIndex).DefaultIfEmpty(configuration.Index).Max();
        var now = time.GetUtcNow().UtcDateTime;
        var servers = new List<Server>(configuration.Servers.Count);
        foreach (var info in configuration.Servers)
        {
            var lastContact = info.Leader || !string.Equals(info.ID, selfId, StringComparison.OrdinalIgnoreCase) ? TimeSpan.Zero : selfLastContact;
            var trailing = leaderIndex > info.LastIndex ? leaderIndex - info.LastIndex : 0;
            var healthy = info.Leader || (lastContact <= threshold && trailing <= settings.MaxTrailingLogs);
            var stability = _stability.AddOrUpdate(info.ID, (healthy, now), (_, old) => old.Healthy == healthy ? old : (healthy, now));
            servers.Add(new Server(info, lastContact, healthy, stability.Since));
        }

        return servers;
    }

    /// <summary>How many voters could fail without losing quorum: healthy voters beyond a majority of all voters.</summary>
    public static int FailureTolerance(IReadOnlyList<Server> servers)
    {
        var voters = servers.Count(s => s.Info.Voter);
        var healthyVoters = servers.Count(s => s.Info.Voter && s.Healthy);
        return Math.Max(0, healthyVoters - ((voters / 2) + 1));
    }
}
