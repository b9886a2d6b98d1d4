using System.Net.Http.Json;
using Trellis.Api.Serialization;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Queries;
using Trellis.Core.Services;

namespace Trellis.Api.Agent;

/// <summary>The local agent's checks: list, register, deregister and TTL updates.</summary>
public sealed partial class AgentClient
{
    /// <summary>The checks the local agent runs, by ID (<c>GET /v1/agent/checks</c>), optionally filtered.</summary>
    public async Task<IReadOnlyDictionary<string, HealthCheck>> ChecksAsync(string? filter = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/agent/checks", FilterQuery(filter), QueryOptions.Default,
            AgentApiJsonContext.Default.DictionaryStringHealthCheck, [], cancellationToken, notFoundIsEmpty: false)
            .ConfigureAwait(false);
        return result.Value;
    }

    /// <summary>Adds a check to the local agent (<c>PUT /v1/agent/check/register</c>).</summary>
    public Task CheckRegisterAsync(CheckDefinition check, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        return _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/check/register", null,
            JsonContent.Create(check, AgentApiJsonContext.Default.CheckDefinition), options, cancellationToken);
    }

    /// <summary>Removes a local check (<c>PUT /v1/agent/check/deregister/:check_id</c>).</summary>
    public Task CheckDeregisterAsync(string checkId, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/check/deregister/" + Uri.EscapeDataString(checkId), null,
            null, options, cancellationToken);

    /// <summary>Marks a TTL check passing (<c>PUT /v1/agent/check/pass/:check_id?note=</c>).</summary>
    public Task PassTtlAsync(string checkId, string? note = null, CancellationToken cancellationToken = default) =>
        TtlAsync("pass", checkId, note, cancellationToken);

    /// <summary>Marks a TTL check warning (<c>PUT /v1/agent/check/warn/:check_id?note=</c>).</summary>
    public Task WarnTtlAsync(string checkId, string? note = null, CancellationToken cancellationToken = default) =>
        TtlAsync("warn", checkId, note, cancellationToken);

    /// <summary>Marks a TTL check critical (<c>PUT /v1/agent/check/fail/:check_id?note=</c>).</summary>
    public Task FailTtlAsync(string checkId, string? note = null, CancellationToken cancellationToken = default) =>
        TtlAsync("fail", checkId, note, cancellationToken);

    /// <summary>Sets a TTL check's status and output (<c>PUT /v1/agent/check/update/:check_id</c>).</summary>
    public Task UpdateTtlAsync(string checkId, string status, string? output = null, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/check/update/" + Uri.EscapeDataString(checkId), null,
            JsonContent.Create(new CheckUpdate { Status = status, Output = output ?? "" }, AgentApiJsonContext.Default.CheckUpdate),
            null, cancellationToken);

    private Task TtlAsync(string verb, string checkId, string? note, CancellationToken cancellationToken) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, $"/v1/agent/check/{verb}/" + Uri.EscapeDataString(checkId),
            [new("note", note ?? "")], null, null, cancellationToken);
}
