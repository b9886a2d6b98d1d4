using Trellis.Core.Errors;
using Trellis.Core.Sessions;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary><c>/v1/session/*</c>: create, destroy, renew, info, node, list.</summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class SessionEndpoint(Agent.Agent agent)
{
    public async Task<ApiResult> CreateAsync(ApiRequest request)
    {
        request.CheckDatacenter();
        var body = await request.ReadBodyAsync(int.MaxValue, size => new RequestTooLargeException($"Request body too large ({size} bytes)"));
        var session = SessionRequestDecoder.Decode(body, agent.NodeName);
        var id = await agent.Rpc.Session.CreateAsync(session, request.Token, request.Aborted);
        return ApiResult.Json(new SessionCreateResponse(id));
    }

    public async Task<ApiResult> DestroyAsync(ApiRequest request)
    {
        request.CheckDatacenter();
        var id = RequireId(request, "/v1/session/destroy/");
        await agent.Rpc.Session.DestroyAsync(id, request.Token, request.Aborted);
        return ApiResult.Json(true);
    }

    public async Task<ApiResult> RenewAsync(ApiRequest request)
    {
        _ = request.Options;
        var id = RequireId(request, "/v1/session/renew/");
        var session = await agent.Rpc.Session.RenewAsync(id, request.Token, request.Aborted)
            ?? throw new NotFoundException($"Session id '{id}' not found");
        IReadOnlyList<Session> sessions = [session];
        return ApiResult.Json(sessions);
    }

    public async Task<ApiResult> InfoAsync(ApiRequest request)
    {
        _ = request.Options;
        var id = RequireId(request, "/v1/session/info/");
        var result = await agent.Rpc.Session.GetAsync(id, request.Options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, request.Options);
        // Consul compat: a missing session is an empty list, not a 404.
        IReadOnlyList<Session> sessions = result.Value is null ? [] : [result.Value];
        return ApiResult.Json(sessions);
    }

    public async Task<ApiResult> NodeAsync(ApiRequest request)
    {
        _ = request.Options;
        var node = request.PathAfter("/v1/session/node/");
        if (node.Length == 0)
        {
            throw new InvalidRequestException("Missing node name");
        }

        var result = await agent.Rpc.Session.ListByNodeAsync(node, request.Options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, request.Options);
        return ApiResult.Json(result.Value);
    }

    public async Task<ApiResult> ListAsync(ApiRequest request)
    {
        var result = await agent.Rpc.Session.ListAsync(request.Options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, request.Options);
        return ApiResult.Json(result.Value);
    }

    private static string RequireId(ApiRequest request, string prefix)
    {
        var id = request.PathAfter(prefix);
        return id.Length > 0 ? id : throw new InvalidRequestException("Missing session");
    }
}
