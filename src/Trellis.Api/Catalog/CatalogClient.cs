using System.Net.Http.Json;
using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Catalog;
using Trellis.Core.Queries;

namespace Trellis.Api.Catalog;

/// <summary><c>/v1/catalog</c>: register and deregister, and the blocking catalog reads.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Catalog"/>.</remarks>
public sealed class CatalogClient
{
    private readonly ApiTransport _transport;

    internal CatalogClient(ApiTransport transport) => _transport = transport;

    /// <summary>Registers a node, optionally a service and checks (<c>PUT /v1/catalog/register</c>).</summary>
    public Task RegisterAsync(RegisterRequest request, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/catalog/register", null,
            JsonContent.Create(request, ApiJsonContext.Default.RegisterRequest), options, cancellationToken);

    /// <summary>Removes a node, a service or a check (<c>PUT /v1/catalog/deregister</c>).</summary>
    public Task DeregisterAsync(DeregisterRequest request, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/catalog/deregister", null,
            JsonContent.Create(request, ApiJsonContext.Default.DeregisterRequest), options, cancellationToken);

    public async Task<IReadOnlyList<string>> DatacentersAsync(CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/catalog/datacenters", null, QueryOptions.Default,
            ApiJsonContext.Default.ListString, [], cancellationToken, notFoundIsEmpty: false).ConfigureAwait(false);
        return result.Value;
    }

    public async Task<QueryResult<IReadOnlyList<CatalogNode>>> NodesAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/catalog/nodes", null, options,
            ApiJsonContext.Default.ListCatalogNode, [], cancellationToken, notFoundIsEmpty: false).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<CatalogNode>>(result.Value, result.Meta);
    }

    /// <summary>Every service name with its tags.</summary>
    public async Task<QueryResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>> ServicesAsync(
        QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/catalog/services", null, options,
            ApiJsonContext.Default.DictionaryStringListString, [], cancellationToken, notFoundIsEmpty: false).ConfigureAwait(false);
        IReadOnlyDictionary<string, IReadOnlyList<string>> services = result.Value.ToDictionary(
            kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
        return new QueryResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(services, result.Meta);
    }

    /// <summary>The instances of a service having every tag in <paramref name="tags"/>.</summary>
    public Task<QueryResult<IReadOnlyList<ServiceNode>>> ServiceAsync(string service, IEnumerable<string>? tags = null,
        QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        ServiceNodesAsync("/v1/catalog/service/", service, tags, options, cancellationToken);

    /// <summary>The Connect-capable instances of a service (its proxies and native instances).</summary>
    public Task<QueryResult<IReadOnlyList<ServiceNode>>> ConnectAsync(string service, IEnumerable<string>? tags = null,
        QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        ServiceNodesAsync("/v1/catalog/connect/", service, tags, options, cancellationToken);

    /// <summary>A node with its services by ID, or a null value when it is not registered.</summary>
    public async Task<QueryResult<NodeServiceMap?>> NodeAsync(string node, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync<NodeServiceMap?>("/v1/catalog/node/" + Uri.EscapeDataString(node), null, options,
            ApiJsonContext.Default.NodeServiceMap, null, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>A node and its services as a list (<c>Node</c> is null when it is not registered).</summary>
    public Task<QueryResult<NodeServiceList>> NodeServicesAsync(string node, QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync("/v1/catalog/node-services/" + Uri.EscapeDataString(node), null, options,
            ApiJsonContext.Default.NodeServiceList, new NodeServiceList(), cancellationToken);

    private async Task<QueryResult<IReadOnlyList<ServiceNode>>> ServiceNodesAsync(string prefix, string service,
        IEnumerable<string>? tags, QueryOptions? options, CancellationToken cancellationToken)
    {
        var query = (tags ?? []).Select(t => new KeyValuePair<string, string?>("tag", t));
        var result = await _transport.GetJsonAsync(prefix + Uri.EscapeDataString(service), query, options,
            ApiJsonContext.Default.ListServiceNode, [], cancellationToken, notFoundIsEmpty: false).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<ServiceNode>>(result.Value, result.Meta);
    }
}
