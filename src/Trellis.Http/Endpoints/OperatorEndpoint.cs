using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary><c>/v1/operator/raft/configuration</c>.</summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class OperatorEndpoint(Agent.Agent agent)
{
    public async Task<ApiResult> RaftConfigurationAsync(ApiRequest request) =>
        ApiResult.Json(await agent.Rpc.Operator.RaftConfigurationAsync(request.Options, request.Aborted));
}
