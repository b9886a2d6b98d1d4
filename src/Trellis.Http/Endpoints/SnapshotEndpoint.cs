using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary>
/// <c>GET /v1/snapshot</c> streams a snapshot archive with <c>X-Consul-Index</c>;
/// <c>PUT /v1/snapshot</c> restores all state from the archive in the body.
/// </summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class SnapshotEndpoint(Agent.Agent agent)
{
    public Task<ApiResult> HandleAsync(ApiRequest request) =>
        request.Method == "GET" ? SaveAsync(request) : RestoreAsync(request);

    private async Task<ApiResult> SaveAsync(ApiRequest request)
    {
        var options = request.Options;
        // The index is known only after the archive is written, and it must go out as a header first.
        var path = Path.Combine(Path.GetTempPath(), "trellis-snapshot-" + Guid.NewGuid().ToString("N") + ".tgz");
        await using var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var index = await agent.Rpc.Snapshot.SaveAsync(spool, options, request.Aborted);
        spool.Position = 0;
        var response = request.Context.Response;
        ResponseHeaders.SetIndex(response, index);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/x-gzip";
        response.ContentLength = spool.Length;
        await spool.CopyToAsync(response.Body, request.Aborted);
        return ApiResult.Written;
    }

    private async Task<ApiResult> RestoreAsync(ApiRequest request)
    {
        request.CheckDatacenter();
        var limit = request.Context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = null;
        }

        await agent.Rpc.Snapshot.RestoreAsync(request.Context.Request.Body, request.Token, request.Aborted);
        return ApiResult.Empty;
    }
}
