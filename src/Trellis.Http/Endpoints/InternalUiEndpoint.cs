using Trellis.Core.Catalog;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary>
/// <c>/v1/internal/ui/services</c>: the web UI's service listing (instance counts, nodes, tags, check counts per
/// service) in one blocking query, from the server's service dump folded by <see cref="ServiceSummarizer"/>;
/// <c>/v1/internal/ui/nodes</c>: every node with its services and checks (the server's node dump), in one blocking query.
/// </summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class InternalUiEndpoint(Agent.Agent agent)
{
    public async Task<ApiResult> ServicesAsync(ApiRequest request)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var result = await agent.Rpc.Health.ServiceDumpAsync(options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(ServiceSummarizer.Summarize(result.Value, agent.Datacenter));
    }

    public async Task<ApiResult> NodesAsync(ApiRequest request)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var result = await agent.Rpc.Health.NodeDumpAsync(options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(result.Value);
    }
}
