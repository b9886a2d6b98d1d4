using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary><c>/v1/status/leader</c> (a JSON string, "" without a leader) and <c>/v1/status/peers</c>.</summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class StatusEndpoint(Agent.Agent agent)
{
    public async Task<ApiResult> LeaderAsync(ApiRequest request)
    {
        request.CheckDatacenter();
        return ApiResult.Json(await agent.Rpc.Status.LeaderAsync(request.Aborted));
    }

    public async Task<ApiResult> PeersAsync(ApiRequest request)
    {
        request.CheckDatacenter();
        return ApiResult.Json(await agent.Rpc.Status.PeersAsync(request.Aborted));
    }
}
