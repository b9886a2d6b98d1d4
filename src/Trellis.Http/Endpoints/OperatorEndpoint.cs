using Trellis.Core.Errors;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary><c>/v1/operator/raft/configuration</c> and <c>/v1/operator/autopilot/{configuration,health,state}</c>.</summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class OperatorEndpoint(Agent.Agent agent)
{
    private const int MaxBodyBytes = 64 * 1024;

    public async Task<ApiResult> RaftConfigurationAsync(ApiRequest request) =>
        ApiResult.Json(await agent.Rpc.Operator.RaftConfigurationAsync(request.Options, request.Aborted));

    /// <summary>GET reads the settings; PUT writes them (with <c>?cas=</c>, only over that ModifyIndex) and answers true or false.</summary>
    public async Task<ApiResult> AutopilotConfigurationAsync(ApiRequest request)
    {
        if (request.Method != "PUT")
        {
            return ApiResult.Json(await agent.Rpc.Operator.AutopilotConfigurationAsync(request.Options, request.Aborted));
        }

        request.CheckDatacenter();
        ulong? cas = null;
        if (request.Has("cas"))
        {
            try
            {
                cas = GoText.ParseUint(request.Get("cas"));
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidRequestException("Error parsing cas value: " + ex.Message, ex);
            }
        }

        var body = await request.ReadBodyAsync(MaxBodyBytes, size => new RequestTooLargeException($"Request body too large ({size} bytes)"));
        var configuration = AutopilotConfigurationDecoder.Decode(body);
        return ApiResult.Json(await agent.Rpc.Operator.SetAutopilotConfigurationAsync(configuration, cas, request.Aborted));
    }

    /// <summary>The servers' health: 200 when every server is healthy, 429 when not (Consul's codes).</summary>
    public async Task<ApiResult> AutopilotHealthAsync(ApiRequest request)
    {
        var health = await agent.Rpc.Operator.AutopilotHealthAsync(request.Options, request.Aborted);
        return ApiResult.Json(health, health.Healthy ? 200 : 429);
    }

    public async Task<ApiResult> AutopilotStateAsync(ApiRequest request) =>
        ApiResult.Json(await agent.Rpc.Operator.AutopilotStateAsync(request.Options, request.Aborted));
}
