using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Catalog;
using Trellis.Core.Queries;

namespace Trellis.Api.Health;

/// <summary><c>/v1/health</c>: checks of a node or service, healthy instances of a service, checks by state.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Health"/>.</remarks>
public sealed class HealthClient
{
    private readonly ApiTransport _transport;

    internal HealthClient(ApiTransport transport) => _transport = transport;

    public Task<QueryResult<IReadOnlyList<HealthCheck>>> NodeAsync(string node, QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        ChecksAsync("/v1/health/node/" + Uri.EscapeDataString(node), null, options, cancellationToken);

    /// <summary>Every check of every instance of <paramref name="service"/>.</summary>
    public Task<QueryResult<IReadOnlyList<HealthCheck>>> ChecksAsync(string service, QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        ChecksAsync("/v1/health/checks/" + Uri.EscapeDataString(service), null, options, cancellationToken);

    /// <summary>Checks in a state: "any", "passing", "warning" or "critical".</summary>
    public Task<QueryResult<IReadOnlyList<HealthCheck>>> StateAsync(string state, QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        ChecksAsync("/v1/health/state/" + Uri.EscapeDataString(state), null, options, cancellationToken);

    /// <summary>
    /// The instances of <paramref name="service"/> with their node and checks, restricted to those with every tag of
    /// <paramref name="tags"/>, and with <paramref name="passing"/> to those whose checks all pass.
    /// </summary>
    public Task<QueryResult<IReadOnlyList<ServiceEntry>>> ServiceAsync(string service, IEnumerable<string>? tags = null, bool passing = false,
        QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        EntriesAsync("/v1/health/service/", service, tags, passing, options, cancellationToken);

    /// <summary>Like <see cref="ServiceAsync"/> for the Connect-capable instances (proxies and native).</summary>
    public Task<QueryResult<IReadOnlyList<ServiceEntry>>> ConnectAsync(string service, IEnumerable<string>? tags = null, bool passing = false,
        QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        EntriesAsync("/v1/health/connect/", service, tags, passing, options, cancellationToken);

    private async Task<QueryResult<IReadOnlyList<ServiceEntry>>> EntriesAsync(string prefix, string service, IEnumerable<string>? tags,
        bool passing, QueryOptions? options, CancellationToken cancellationToken)
    {
        var query = (tags ?? []).Select(t => new KeyValuePair<string, string?>("tag", t)).ToList();
        if (passing)
        {
            query.Add(new("passing", null));
        }

        var result = await _transport.GetJsonAsync(prefix + Uri.EscapeDataString(service), query, options,
            ApiJsonContext.Default.ListServiceEntry, [], cancellationToken, notFoundIsEmpty: false).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<ServiceEntry>>(result.Value, result.Meta);
    }

    private async Task<QueryResult<IReadOnlyList<HealthCheck>>> ChecksAsync(string path, IEnumerable<KeyValuePair<string, string?>>? query,
        QueryOptions? options, CancellationToken cancellationToken)
    {
        var result = await _transport.GetJsonAsync(path, query, options,
            ApiJsonContext.Default.ListHealthCheck, [], cancellationToken, notFoundIsEmpty: false).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<HealthCheck>>(result.Value, result.Meta);
    }
}
