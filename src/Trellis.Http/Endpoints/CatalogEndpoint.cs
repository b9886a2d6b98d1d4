using System.Text.Json;
using Trellis.Core.Catalog;
using Trellis.Core.Errors;
using Trellis.Http.Json;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary>
/// <c>/v1/catalog/*</c>: register, deregister, datacenters, nodes, services, service, connect, node and node-services.
/// </summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class CatalogEndpoint(Agent.Agent agent)
{
    /// <summary>Consul's limit for a register body is the general request limit; we cap it at 1 MiB.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    public async Task<ApiResult> RegisterAsync(ApiRequest request)
    {
        request.CheckDatacenter();
        var body = await request.ReadBodyAsync(MaxBodyBytes, size => new RequestTooLargeException($"Request body too large ({size} bytes)"));
        var register = DecodeBody<RegisterRequest>(body);
        await agent.Rpc.Catalog.RegisterAsync(register with { Node = register.Node ?? "" }, request.Token, request.Aborted);
        return ApiResult.Json(true);
    }

    public async Task<ApiResult> DeregisterAsync(ApiRequest request)
    {
        request.CheckDatacenter();
        var body = await request.ReadBodyAsync(MaxBodyBytes, size => new RequestTooLargeException($"Request body too large ({size} bytes)"));
        var deregister = DecodeBody<DeregisterRequest>(body);
        await agent.Rpc.Catalog.DeregisterAsync(deregister with { Node = deregister.Node ?? "" }, request.Token, request.Aborted);
        return ApiResult.Json(true);
    }

    public async Task<ApiResult> DatacentersAsync(ApiRequest request)
    {
        var dcs = await agent.Rpc.Catalog.DatacentersAsync(request.Aborted);
        return ApiResult.Json(dcs);
    }

    public async Task<ApiResult> NodesAsync(ApiRequest request)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var result = await agent.Rpc.Catalog.NodesAsync(options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(result.Value);
    }

    public async Task<ApiResult> ServicesAsync(ApiRequest request)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var result = await agent.Rpc.Catalog.ServicesAsync(options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(result.Value);
    }

    public Task<ApiResult> ServiceAsync(ApiRequest request) => ServiceNodesAsync(request, "/v1/catalog/service/", connect: false);

    public Task<ApiResult> ConnectAsync(ApiRequest request) => ServiceNodesAsync(request, "/v1/catalog/connect/", connect: true);

    public async Task<ApiResult> NodeAsync(ApiRequest request)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var node = RequireNode(request, "/v1/catalog/node/");
        var result = await agent.Rpc.Catalog.NodeServicesAsync(node, options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);

        // Consul compat: an unknown node is a 200 with a JSON null.
        return result.Value is null ? ApiResult.Json<NodeServiceMap?>(null) : ApiResult.Json(NodeServiceMap.From(result.Value));
    }

    public async Task<ApiResult> NodeServicesAsync(ApiRequest request)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var node = RequireNode(request, "/v1/catalog/node-services/");
        var result = await agent.Rpc.Catalog.NodeServiceListAsync(node, options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(result.Value);
    }

    /// <summary>Decodes a catalog body leniently (Consul fills missing IDs); malformed JSON is Consul's 400.</summary>
    internal static T DecodeBody<T>(ReadOnlySpan<byte> body)
    {
        try
        {
            var value = body.IsEmpty ? default : JsonSerializer.Deserialize(body, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)JsonFormats.Lenient.GetTypeInfo(typeof(T)));
            return value ?? throw new InvalidRequestException("Request decode failed: EOF");
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException("Request decode failed: " + ex.Message, ex);
        }
    }

    private async Task<ApiResult> ServiceNodesAsync(ApiRequest request, string prefix, bool connect)
    {
        var options = CatalogQuery.Options(request, agent.NodeName);
        var service = request.PathAfter(prefix);
        if (service.Length == 0)
        {
            throw new InvalidRequestException("Missing service name");
        }

        var result = await agent.Rpc.Catalog.ServiceNodesAsync(service, CatalogQuery.Tags(request), connect, options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(result.Value);
    }

    private static string RequireNode(ApiRequest request, string prefix)
    {
        var node = request.PathAfter(prefix);
        return node.Length > 0 ? node : throw new InvalidRequestException("Missing node name");
    }
}
