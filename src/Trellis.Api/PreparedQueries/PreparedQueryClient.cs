using System.Globalization;
using System.Net.Http.Json;
using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Queries;

namespace Trellis.Api.PreparedQueries;

/// <summary><c>/v1/query</c>: create, list, read, update, delete, execute and explain prepared queries.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.PreparedQuery"/>.</remarks>
public sealed class PreparedQueryClient
{
    private readonly ApiTransport _transport;

    internal PreparedQueryClient(ApiTransport transport) => _transport = transport;

    /// <summary>Creates a query (its ID must be empty) and returns the new ID.</summary>
    public async Task<string> CreateAsync(PreparedQuery query, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var content = JsonContent.Create(query, ApiJsonContext.Default.PreparedQuery);
        var answer = await _transport.SendJsonAsync(HttpMethod.Post, "/v1/query", null, content, options,
            ApiJsonContext.Default.PreparedQueryIdResponse, cancellationToken).ConfigureAwait(false);
        return answer?.ID ?? throw new InvalidOperationException("The agent returned no query ID.");
    }

    /// <summary>Replaces the query <paramref name="query"/>'s ID names.</summary>
    public Task UpdateAsync(PreparedQuery query, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var content = JsonContent.Create(query, ApiJsonContext.Default.PreparedQuery);
        return _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/query/" + Uri.EscapeDataString(query.ID), null, content, options, cancellationToken);
    }

    public Task DeleteAsync(string id, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Delete, "/v1/query/" + Uri.EscapeDataString(id), null, null, options, cancellationToken);

    /// <summary>Every query.</summary>
    public async Task<QueryResult<IReadOnlyList<PreparedQuery>>> ListAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/query", null, options, ApiJsonContext.Default.ListPreparedQuery, [],
            cancellationToken, notFoundIsEmpty: false).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<PreparedQuery>>(result.Value, result.Meta);
    }

    /// <summary>One query; throws <see cref="ApiException"/> (404 "Query not found") when it does not exist.</summary>
    public async Task<QueryResult<PreparedQuery>> GetAsync(string id, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/query/" + Uri.EscapeDataString(id), null, options,
            ApiJsonContext.Default.ListPreparedQuery, [], cancellationToken, notFoundIsEmpty: false).ConfigureAwait(false);
        return new QueryResult<PreparedQuery>(result.Value.Single(), result.Meta);
    }

    /// <summary>
    /// Runs a query by ID, name or template prefix. <paramref name="limit"/> 0 keeps every instance; <paramref name="near"/>
    /// (or <c>_agent</c>) moves that node first; <paramref name="connect"/> asks for Connect-capable endpoints.
    /// </summary>
    public async Task<QueryResult<PreparedQueryExecuteResponse>> ExecuteAsync(string idOrName, int limit = 0, string? near = null,
        bool connect = false, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (limit > 0)
        {
            query.Add(new("limit", limit.ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(near))
        {
            query.Add(new("near", near));
        }

        if (connect)
        {
            query.Add(new("connect", "true"));
        }

        var result = await _transport.GetJsonAsync("/v1/query/" + Uri.EscapeDataString(idOrName) + "/execute", query, options,
            ApiJsonContext.Default.PreparedQueryExecuteResponse, new PreparedQueryExecuteResponse(), cancellationToken, notFoundIsEmpty: false)
            .ConfigureAwait(false);
        return result;
    }

    /// <summary>The query that executing <paramref name="idOrName"/> would run, templates rendered.</summary>
    public Task<QueryResult<PreparedQueryExplainResponse>> ExplainAsync(string idOrName, QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync("/v1/query/" + Uri.EscapeDataString(idOrName) + "/explain", null, options,
            ApiJsonContext.Default.PreparedQueryExplainResponse, null!, cancellationToken, notFoundIsEmpty: false);
}
