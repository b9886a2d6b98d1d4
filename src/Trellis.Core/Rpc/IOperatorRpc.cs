using Trellis.Core.Operator;
using Trellis.Core.Queries;

namespace Trellis.Core.Rpc;

/// <summary>Operator views of the cluster (Consul's <c>Operator.*</c> RPCs).</summary>
public interface IOperatorRpc
{
    Task<RaftConfiguration> RaftConfigurationAsync(QueryOptions options, CancellationToken cancellationToken);

    /// <summary>The cluster's autopilot settings (Consul's <c>Operator.AutopilotGetConfiguration</c>).</summary>
    Task<AutopilotConfiguration> AutopilotConfigurationAsync(QueryOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the autopilot settings (Consul's <c>Operator.AutopilotSetConfiguration</c>); with <paramref name="cas"/>,
    /// only when the stored <see cref="AutopilotConfiguration.ModifyIndex"/> equals it. Returns whether it was written.
    /// Throws <see cref="Errors.InvalidRequestException"/> for a bad duration.
    /// </summary>
    Task<bool> SetAutopilotConfigurationAsync(AutopilotConfiguration configuration, ulong? cas, CancellationToken cancellationToken);

    /// <summary>The servers' health as the leader sees it (Consul's <c>Operator.ServerHealth</c>).</summary>
    Task<AutopilotHealth> AutopilotHealthAsync(QueryOptions options, CancellationToken cancellationToken);

    /// <summary>The leader's autopilot view (Consul's <c>Operator.AutopilotState</c>).</summary>
    Task<AutopilotState> AutopilotStateAsync(QueryOptions options, CancellationToken cancellationToken);
}
