using System.Net.Http.Json;
using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Queries;
using Trellis.Core.Sessions;

namespace Trellis.Api.Sessions;

/// <summary><c>/v1/session</c>: create, destroy, renew and read sessions.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Session"/>.</remarks>
public sealed class SessionClient
{
    private readonly ApiTransport _transport;

    internal SessionClient(ApiTransport transport) => _transport = transport;

    /// <summary>Creates a session and returns its ID.</summary>
    public async Task<string> CreateAsync(SessionCreateRequest request, WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var content = JsonContent.Create(request, ApiJsonContext.Default.SessionCreateRequest);
        var answer = await _transport.SendJsonAsync(HttpMethod.Put, "/v1/session/create", null, content, options,
            ApiJsonContext.Default.SessionIdResponse, cancellationToken).ConfigureAwait(false);
        return answer?.ID ?? throw new InvalidOperationException("The agent returned no session ID.");
    }

    public Task DestroyAsync(string id, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/session/destroy/" + Uri.EscapeDataString(id), null, null,
            options, cancellationToken);

    /// <summary>Renews a TTL session; null when the session no longer exists (404).</summary>
    public async Task<Session?> RenewAsync(string id, WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(HttpMethod.Put, "/v1/session/renew/" + Uri.EscapeDataString(id),
            null, null, options, null, cancellationToken, allowNotFound: true).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        var sessions = await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ListSession, cancellationToken)
            .ConfigureAwait(false);
        return sessions is { Count: > 0 } ? sessions[0] : null;
    }

    /// <summary>One session, or a null value when it does not exist.</summary>
    public async Task<QueryResult<Session?>> InfoAsync(string id, QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/session/info/" + Uri.EscapeDataString(id), null, options,
            ApiJsonContext.Default.ListSession, [], cancellationToken).ConfigureAwait(false);
        return new QueryResult<Session?>(result.Value.Count > 0 ? result.Value[0] : null, result.Meta);
    }

    public async Task<QueryResult<IReadOnlyList<Session>>> ListAsync(QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/session/list", null, options,
            ApiJsonContext.Default.ListSession, [], cancellationToken).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<Session>>(result.Value, result.Meta);
    }

    /// <summary>Sessions belonging to <paramref name="node"/>.</summary>
    public async Task<QueryResult<IReadOnlyList<Session>>> NodeAsync(string node, QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/session/node/" + Uri.EscapeDataString(node), null, options,
            ApiJsonContext.Default.ListSession, [], cancellationToken).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<Session>>(result.Value, result.Meta);
    }
}
