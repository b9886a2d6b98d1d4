using Trellis.Core.Events;
using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Queries;

namespace Trellis.Api.Events;

/// <summary><c>/v1/event</c>: the user events this agent has seen (blocking-capable list).</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Event"/>.</remarks>
public sealed class EventClient
{
    private readonly ApiTransport _transport;

    internal EventClient(ApiTransport transport) => _transport = transport;

    /// <summary>The most recent events, optionally only those named <paramref name="name"/> (<c>GET /v1/event/list</c>).</summary>
    public async Task<QueryResult<IReadOnlyList<UserEvent>>> ListAsync(string? name = null, QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        KeyValuePair<string, string?>[]? query = string.IsNullOrEmpty(name) ? null : [new("name", name)];
        var result = await _transport.GetJsonAsync("/v1/event/list", query, options,
            AgentApiJsonContext.Default.ListUserEvent, [], cancellationToken, notFoundIsEmpty: false).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<UserEvent>>(result.Value, result.Meta);
    }

    /// <summary>
    /// Fires an event named <paramref name="name"/> (<c>PUT /v1/event/fire/:name</c>) with an optional payload and
    /// regular-expression filters on node, service and tag; returns the event as fired (its ID, LTime 0).
    /// </summary>
    public async Task<UserEvent> FireAsync(string name, byte[]? payload, string? nodeFilter = null, string? serviceFilter = null,
        string? tagFilter = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in new[] { ("node", nodeFilter), ("service", serviceFilter), ("tag", tagFilter) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(new(key, value));
            }
        }

        using var content = new ByteArrayContent(payload ?? []);
        return await _transport.SendJsonAsync(HttpMethod.Put, "/v1/event/fire/" + Uri.EscapeDataString(name), query, content, options,
            AgentApiJsonContext.Default.UserEvent, cancellationToken).ConfigureAwait(false) ?? throw new ApiException(System.Net.HttpStatusCode.OK, "empty event answer");
    }
}
