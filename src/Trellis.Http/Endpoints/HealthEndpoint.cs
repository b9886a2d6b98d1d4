using Trellis.Core.Errors;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary><c>/v1/health/*</c>: node, checks, service, connect and state.</summary>
/// <remarks>
/// Thread-safe. The only mutable state is the serialized-answer cache of <c>/v1/health/service</c> and
/// <c>/v1/health/connect</c> (see <see cref="SerializedResultCache"/>): their index is the per-service index, so equal
/// requests answered at the same index have the same body, and the watchers one change wakes share one serialization.
/// </remarks>
public sealed class HealthEndpoint(Agent.Agent agent)
{
    private readonly SerializedResultCache _serviceNodes = new();

    public async Task<ApiResult> NodeAsync(ApiRequest request)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var node = request.PathAfter("/v1/health/node/");
        if (node.Length == 0)
        {
            throw new InvalidRequestException("Missing node name");
        }

        var result = await agent.Rpc.Health.NodeChecksAsync(node, options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(result.Value);
    }

    public async Task<ApiResult> ChecksAsync(ApiRequest request)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var service = RequireService(request, "/v1/health/checks/");
        var result = await agent.Rpc.Health.ServiceChecksAsync(service, options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(result.Value);
    }

    public Task<ApiResult> ServiceAsync(ApiRequest request) => ServiceNodesAsync(request, "/v1/health/service/", connect: false);

    public Task<ApiResult> ConnectAsync(ApiRequest request) => ServiceNodesAsync(request, "/v1/health/connect/", connect: true);

    public async Task<ApiResult> StateAsync(ApiRequest request)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var state = request.PathAfter("/v1/health/state/");
        if (state.Length == 0)
        {
            throw new InvalidRequestException("Missing check state");
        }

        var result = await agent.Rpc.Health.ChecksInStateAsync(state, options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(result.Value);
    }

    private async Task<ApiResult> ServiceNodesAsync(ApiRequest request, string prefix, bool connect)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var service = RequireService(request, prefix);
        var passing = CatalogQuery.Passing(request);
        var result = await agent.Rpc.Health.ServiceNodesAsync(service, CatalogQuery.Tags(request), passing, connect, options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        var http = request.Context.Request;
        var key = SerializedResultCache.KeyOf(
            http.Path.Value ?? "",
            http.Query.SelectMany(q => q.Value.Count == 0 ? [new KeyValuePair<string, string?>(q.Key, null)] : q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))),
            request.Token);
        return ApiResult.CachedJson(result.Value, _serviceNodes, key, result.Meta.Index);
    }

    private static string RequireService(ApiRequest request, string prefix)
    {
        var service = request.PathAfter(prefix);
        return service.Length > 0 ? service : throw new InvalidRequestException("Missing service name");
    }
}
