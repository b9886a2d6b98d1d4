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
}
