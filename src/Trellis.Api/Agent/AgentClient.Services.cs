using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trellis.Api.Serialization;
using Trellis.Core.Services;
using Trellis.Core.Queries;

namespace Trellis.Api.Agent;

/// <summary>The local agent's services: list, read, register, deregister, maintenance and local health.</summary>
public sealed partial class AgentClient
{
    /// <summary>The services the local agent owns, by ID (<c>GET /v1/agent/services</c>), optionally filtered.</summary>
    public async Task<IReadOnlyDictionary<string, AgentService>> ServicesAsync(string? filter = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/agent/services", FilterQuery(filter), QueryOptions.Default,
            AgentApiJsonContext.Default.DictionaryStringAgentService, [], cancellationToken, notFoundIsEmpty: false)
            .ConfigureAwait(false);
        return result.Value;
    }

    /// <summary>One local service by ID (<c>GET /v1/agent/service/:service_id</c>); a null value when it is unknown.</summary>
    public Task<QueryResult<AgentService?>> ServiceAsync(string serviceId, QueryOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync<AgentService?>("/v1/agent/service/" + Uri.EscapeDataString(serviceId), null, options,
            AgentApiJsonContext.Default.AgentService, null, cancellationToken);

    /// <summary>
    /// Registers (or replaces) a local service with its checks (<c>PUT /v1/agent/service/register</c>). With
    /// <paramref name="replaceExistingChecks"/> the service's checks not in the request are removed.
    /// </summary>
    public Task ServiceRegisterAsync(ServiceDefinition registration, bool replaceExistingChecks = false,
        WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        KeyValuePair<string, string?>[]? query = replaceExistingChecks ? [new("replace-existing-checks", "true")] : null;
        return _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/service/register", query,
            JsonContent.Create(registration, AgentApiJsonContext.Default.ServiceDefinition), options, cancellationToken);
    }

    /// <summary>Removes a local service and its checks (<c>PUT /v1/agent/service/deregister/:service_id</c>).</summary>
    public Task ServiceDeregisterAsync(string serviceId, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/service/deregister/" + Uri.EscapeDataString(serviceId), null,
            null, options, cancellationToken);

    /// <summary>Puts a local service into maintenance (a critical <c>_service_maintenance:&lt;id&gt;</c> check).</summary>
    public Task EnableServiceMaintenanceAsync(string serviceId, string? reason = null, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/service/maintenance/" + Uri.EscapeDataString(serviceId),
            [new("enable", "true"), new("reason", reason ?? "")], null, null, cancellationToken);

    public Task DisableServiceMaintenanceAsync(string serviceId, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/service/maintenance/" + Uri.EscapeDataString(serviceId),
            [new("enable", "false")], null, null, cancellationToken);

    /// <summary>Puts the whole node into maintenance (a critical <c>_node_maintenance</c> check).</summary>
    public Task EnableNodeMaintenanceAsync(string? reason = null, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/maintenance",
            [new("enable", "true"), new("reason", reason ?? "")], null, null, cancellationToken);

    public Task DisableNodeMaintenanceAsync(CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/maintenance", [new("enable", "false")], null, null,
            cancellationToken);

    /// <summary>Asks the agent to reload its configuration files (<c>PUT /v1/agent/reload</c>).</summary>
    public Task ReloadAsync(CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/reload", null, null, null, cancellationToken);

    /// <summary>The agent's node name, from <c>/v1/agent/self</c> (<c>Config.NodeName</c>).</summary>
    public async Task<string> NodeNameAsync(CancellationToken cancellationToken = default)
    {
        using var self = await SelfAsync(cancellationToken).ConfigureAwait(false);
        return self.RootElement.TryGetProperty("Config", out var config) &&
               config.TryGetProperty("NodeName", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()!
            : "";
    }

    /// <summary>
    /// The local instances of a service with their checks (<c>GET /v1/agent/health/service/name/:service_name</c>).
    /// Consul answers 429 for warning and 503 for critical with the same body; an unknown service is "critical" with
    /// no instances.
    /// </summary>
    public async Task<AgentServiceHealth> HealthServiceByNameAsync(string service, CancellationToken cancellationToken = default)
    {
        var (status, body) = await HealthAsync("/v1/agent/health/service/name/" + Uri.EscapeDataString(service),
            cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return new AgentServiceHealth("critical", []);
        }

        var services = JsonSerializer.Deserialize(body, AgentApiJsonContext.Default.ListAgentServiceChecksInfo) ?? [];
        return new AgentServiceHealth(status, services);
    }

    /// <summary>One local instance with its checks (<c>GET /v1/agent/health/service/id/:service_id</c>).</summary>
    public async Task<AgentServiceHealth> HealthServiceByIdAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        var (status, body) = await HealthAsync("/v1/agent/health/service/id/" + Uri.EscapeDataString(serviceId),
            cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return new AgentServiceHealth("critical", []);
        }

        var info = JsonSerializer.Deserialize(body, AgentApiJsonContext.Default.AgentServiceChecksInfo);
        return new AgentServiceHealth(status, info is null ? [] : [info]);
    }

    private async Task<(string Status, string? Body)> HealthAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _transport.SendAsync(HttpMethod.Get, path, null, null, null, null, cancellationToken,
                allowNotFound: true).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return ("critical", null);
            }

            return ("passing", await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (ApiException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            // Consul compat: the status code carries the aggregated status; the body is the same JSON.
            return (ex.StatusCode == HttpStatusCode.TooManyRequests ? "warning" : "critical", ex.Body);
        }
    }

    private static KeyValuePair<string, string?>[]? FilterQuery(string? filter) =>
        string.IsNullOrEmpty(filter) ? null : [new("filter", filter)];
}
