using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Operator;
using Trellis.Core.Queries;

namespace Trellis.Api.Operator;

/// <summary><c>/v1/operator</c>: Raft configuration and autopilot health.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Operator"/>.</remarks>
public sealed class OperatorClient
{
    private readonly ApiTransport _transport;

    internal OperatorClient(ApiTransport transport) => _transport = transport;

    public Task<QueryResult<RaftConfiguration>> RaftConfigurationAsync(QueryOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync("/v1/operator/raft/configuration", null, options,
            ApiJsonContext.Default.RaftConfiguration, new RaftConfiguration([], 0), cancellationToken);

    public Task<QueryResult<AutopilotHealth>> AutopilotHealthAsync(QueryOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync("/v1/operator/autopilot/health", null, options,
            ApiJsonContext.Default.AutopilotHealth, new AutopilotHealth(), cancellationToken);
}
