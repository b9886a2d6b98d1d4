using Trellis.Consensus;
using Trellis.Core.Errors;
using Trellis.Core.Formats;
using Trellis.Core.Operator;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Server.Blocking;
using Trellis.State.Commands;

namespace Trellis.Server.Operator;

/// <summary>
/// Consul's <c>Operator.*</c> RPCs: the Raft configuration as this server sees it, and autopilot's settings, server
/// health and state.
/// </summary>
/// <remarks>Thread-safe; the autopilot view keeps only its own concurrent state.</remarks>
public sealed class OperatorEndpoint : IOperatorRpc
{
    private readonly IRaftNode _raft;
    private readonly ServerOptions _options;
    private readonly BlockingQueryRunner _queries;
    private readonly AutopilotView _autopilot;

    public OperatorEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options)
    {
        _raft = raft;
        _options = options;
        _queries = new BlockingQueryRunner(raft, time);
        _autopilot = new AutopilotView(time);
    }

    public async Task<RaftConfiguration> RaftConfigurationAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        await _queries.EnsureReadableAsync(options, cancellationToken).ConfigureAwait(false);
        return _raft.Configuration;
    }

    public async Task<AutopilotConfiguration> AutopilotConfigurationAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        await _queries.EnsureReadableAsync(options, cancellationToken).ConfigureAwait(false);
        return Settings();
    }

    public async Task<bool> SetAutopilotConfigurationAsync(AutopilotConfiguration configuration, ulong? cas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var normalized = configuration with
        {
            LastContactThreshold = NormalizedDuration(configuration.LastContactThreshold, "200ms"),
            ServerStabilizationTime = NormalizedDuration(configuration.ServerStabilizationTime, "10s"),
            RedundancyZoneTag = configuration.RedundancyZoneTag ?? "",
            UpgradeVersionTag = configuration.UpgradeVersionTag ?? "",
            CreateIndex = 0,
            ModifyIndex = 0,
        };
        var result = await _raft.ApplyAsync(new AutopilotConfigCommand(normalized, cas), cancellationToken).ConfigureAwait(false);
        return result is true;
    }

    public async Task<AutopilotHealth> AutopilotHealthAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        var servers = await ServersAsync(options, cancellationToken).ConfigureAwait(false);
        return new AutopilotHealth
        {
            Healthy = servers.All(s => s.Healthy),
            FailureTolerance = AutopilotView.FailureTolerance(servers),
            Servers = servers.Select(s => new AutopilotServerHealth
            {
                ID = s.Info.ID,
                Name = s.Info.Node,
                Address = s.Info.Address,
                Version = _options.Version,
                Leader = s.Info.Leader,
                LastContact = GoDuration.Format(s.LastContact),
                LastTerm = (ulong)Math.Max(0, _raft.Term),
                LastIndex = s.Info.LastIndex,
                Healthy = s.Healthy,
                Voter = s.Info.Voter,
                StableSince = s.StableSince,
            }).ToList(),
        };
    }

    public async Task<AutopilotState> AutopilotStateAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        var servers = await ServersAsync(options, cancellationToken).ConfigureAwait(false);
        var tolerance = AutopilotView.FailureTolerance(servers);
        var snapshot = _raft.Store.Snapshot();
        return new AutopilotState
        {
            Healthy = servers.All(s => s.Healthy),
            FailureTolerance = tolerance,
            OptimisticFailureTolerance = tolerance,
            Leader = servers.FirstOrDefault(s => s.Info.Leader)?.Info.ID ?? "",
            Voters = servers.Where(s => s.Info.Voter).Select(s => s.Info.ID).ToList(),
            Servers = servers.ToDictionary(s => s.Info.ID, s => new AutopilotServerState
            {
                ID = s.Info.ID,
                Name = s.Info.Node,
                Address = s.Info.Address,
                Version = _options.Version,
                LastContact = GoDuration.Format(s.LastContact),
                LastTerm = (ulong)Math.Max(0, _raft.Term),
                LastIndex = s.Info.LastIndex,
                Healthy = s.Healthy,
                StableSince = s.StableSince,
                Status = s.Info.Leader ? "leader" : s.Info.Voter ? "voter" : "non-voter",
                Meta = snapshot.CatalogNode(s.Info.Node)?.Meta ?? new Dictionary<string, string>(),
            }, StringComparer.Ordinal),
        };
    }

    /// <summary>The stored settings, or the agent's configured ones before the leader first wrote them.</summary>
    private AutopilotConfiguration Settings() => _raft.Store.Snapshot().AutopilotConfig ?? _options.Autopilot;

    private async Task<IReadOnlyList<AutopilotView.Server>> ServersAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        // Consul compat: server health comes from the leader; without one this is "No cluster leader".
        await _queries.EnsureReadableAsync(options with { Consistency = ConsistencyMode.Default }, cancellationToken).ConfigureAwait(false);
        return _autopilot.Servers(_raft.Configuration, Settings(), _options.NodeId, _raft.LastContact);
    }

    private static string NormalizedDuration(string? value, string fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        return GoDuration.TryParse(value, out var parsed)
            ? GoDuration.Format(parsed)
            : throw new InvalidRequestException($"Error parsing autopilot config: time: invalid duration \"{value}\"");
    }
}
