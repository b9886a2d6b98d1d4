using System.Globalization;
using Trellis.Core.Errors;
using Trellis.Core.PreparedQueries;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary>
/// <c>/v1/query</c> (create, list) and <c>/v1/query/:id</c> (read, update, delete, <c>/execute</c>, <c>/explain</c>),
/// as Consul's <c>prepared_query_endpoint.go</c>.
/// </summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class PreparedQueryEndpoint(Agent.Agent agent)
{
    private const string Prefix = "/v1/query/";
    private const long MaxBody = 512 * 1024;

    /// <summary><c>GET /v1/query</c> lists; <c>POST /v1/query</c> creates and answers <c>{"ID": …}</c>.</summary>
    public async Task<ApiResult> GeneralAsync(ApiRequest request)
    {
        if (request.Method == "POST")
        {
            request.CheckDatacenter();
            var query = await DecodeAsync(request, required: true);
            var id = await agent.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Create, query, request.Token, request.Aborted);
            return ApiResult.Json(new PreparedQueryIdResponse(id));
        }

        var result = await agent.Rpc.PreparedQuery.ListAsync(request.Options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, request.Options);
        return ApiResult.Json(result.Value);
    }

    /// <summary><c>/v1/query/:id</c>, <c>/v1/query/:id/execute</c> and <c>/v1/query/:id/explain</c>.</summary>
    public async Task<ApiResult> SpecificAsync(ApiRequest request)
    {
        var id = request.PathAfter(Prefix);
        if (id.EndsWith("/execute", StringComparison.Ordinal))
        {
            RequireGet(request);
            return await ExecuteAsync(request, id[..^"/execute".Length]);
        }

        if (id.EndsWith("/explain", StringComparison.Ordinal))
        {
            RequireGet(request);
            return await ExplainAsync(request, id[..^"/explain".Length]);
        }

        switch (request.Method)
        {
            case "GET":
            {
                var result = await agent.Rpc.PreparedQuery.GetAsync(id, request.Options, request.Aborted);
                ResponseHeaders.SetMeta(request.Context.Response, result.Meta, request.Options);
                return ApiResult.Json(result.Value);
            }

            case "PUT":
            {
                request.CheckDatacenter();
                var query = await DecodeAsync(request, required: false);
                await agent.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Update, query with { ID = id }, request.Token, request.Aborted);
                return ApiResult.Empty;
            }

            default:
                request.CheckDatacenter();
                await agent.Rpc.PreparedQuery.ApplyAsync(PreparedQueryOp.Delete, new PreparedQuery { ID = id }, request.Token, request.Aborted);
                return ApiResult.Empty;
        }
    }

    private async Task<ApiResult> ExecuteAsync(ApiRequest request, string id)
    {
        var limit = 0;
        var rawLimit = request.Get("limit");
        if (rawLimit.Length > 0 && !int.TryParse(rawLimit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
        {
            // Consul compat: Consul's text (it answers a 500; bad input is a 400 here).
            throw new InvalidRequestException($"Bad limit: strconv.Atoi: parsing \"{rawLimit}\": invalid syntax");
        }

        var connect = false;
        var rawConnect = request.Get("connect");
        if (rawConnect.Length > 0 && !TryParseGoBool(rawConnect, out connect))
        {
            throw new InvalidRequestException($"Error parsing 'connect' value: strconv.ParseBool: parsing \"{rawConnect}\": invalid syntax");
        }

        var options = request.Options;
        var result = await agent.Rpc.PreparedQuery.ExecuteAsync(new PreparedQueryExecuteRequest
        {
            QueryIdOrName = id,
            Limit = limit,
            Near = request.Get("near"),
            AgentNode = agent.NodeName,
            Connect = connect,
            Options = options,
        }, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, options);
        return ApiResult.Json(result.Value);
    }

    private async Task<ApiResult> ExplainAsync(ApiRequest request, string id)
    {
        var result = await agent.Rpc.PreparedQuery.ExplainAsync(id, "", request.Options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, result.Meta, request.Options);
        return ApiResult.Json(result.Value);
    }

    private static void RequireGet(ApiRequest request)
    {
        if (request.Method != "GET")
        {
            request.Context.Response.Headers.Allow = "OPTIONS,GET";
            throw new MethodNotAllowedException($"method {request.Method} not allowed");
        }
    }

    private static async Task<PreparedQuery> DecodeAsync(ApiRequest request, bool required)
    {
        var body = await request.ReadBodyAsync(MaxBody, size => new RequestTooLargeException($"Request body too large ({size} bytes)"));
        if (body.Length == 0)
        {
            return required ? throw new InvalidRequestException("Request decode failed: EOF") : new PreparedQuery();
        }

        return ApiRequest.Decode<PreparedQuery>(body);
    }

    private static bool TryParseGoBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
