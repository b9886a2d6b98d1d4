using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Operator;
using Trellis.Core.Queries;

namespace Trellis.Api.Operator;

/// <summary><c>/v1/operator</c>: Raft configuration and autopilot configuration, health and state.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Operator"/>.</remarks>
public sealed class OperatorClient
{
    private const string AutopilotConfigurationPath = "/v1/operator/autopilot/configuration";

    private readonly ApiTransport _transport;

    internal OperatorClient(ApiTransport transport) => _transport = transport;

    public Task<QueryResult<RaftConfiguration>> RaftConfigurationAsync(QueryOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync("/v1/operator/raft/configuration", null, options,
            ApiJsonContext.Default.RaftConfiguration, new RaftConfiguration([], 0), cancellationToken,
            notFoundIsEmpty: false);

    /// <summary>The cluster's autopilot settings, with the index of their last change in <c>ModifyIndex</c>.</summary>
    public Task<QueryResult<AutopilotConfiguration>> GetAutopilotConfigurationAsync(QueryOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync(AutopilotConfigurationPath, null, options,
            ApiJsonContext.Default.AutopilotConfiguration, new AutopilotConfiguration(), cancellationToken,
            notFoundIsEmpty: false);

    /// <summary>
    /// Writes <paramref name="configuration"/>. With <paramref name="cas"/> the write is a check-and-set against that
    /// ModifyIndex and answers false when the settings changed since (Consul's <c>AutopilotCASConfiguration</c>);
    /// without it the write is unconditional.
    /// </summary>
    public Task<bool> SetAutopilotConfigurationAsync(AutopilotConfiguration configuration, ulong? cas = null,
        WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        KeyValuePair<string, string?>[] query = cas is { } index
            ? [new("cas", index.ToString(CultureInfo.InvariantCulture))]
            : [];
        return _transport.SendBoolAsync(HttpMethod.Put, AutopilotConfigurationPath, query,
            JsonContent.Create(configuration, ApiJsonContext.Default.AutopilotConfiguration), options,
            cancellationToken);
    }

    /// <summary>
    /// Every server's health as the leader sees it. The agent answers 429 when the cluster is unhealthy; that answer
    /// still carries the body, so it is returned (with <c>Healthy</c> false) rather than thrown.
    /// </summary>
    public Task<QueryResult<AutopilotHealth>> GetAutopilotHealthAsync(QueryOptions? options = null,
        CancellationToken cancellationToken = default) =>
        // Consul compat: 429 Too Many Requests means "unhealthy" here, as the Go client's requireHttpCodes(200, 429).
        _transport.GetJsonAsync("/v1/operator/autopilot/health", null, options,
            ApiJsonContext.Default.AutopilotHealth, new AutopilotHealth(), cancellationToken,
            notFoundIsEmpty: false, alsoAccept: HttpStatusCode.TooManyRequests);

    /// <summary>Autopilot's view of the cluster: failure tolerance, leader, voters and every server.</summary>
    public Task<QueryResult<AutopilotState>> GetAutopilotStateAsync(QueryOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync("/v1/operator/autopilot/state", null, options,
            ApiJsonContext.Default.AutopilotState, new AutopilotState(), cancellationToken,
            notFoundIsEmpty: false);
}
