using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary>
/// <c>PUT /v1/txn</c>: decodes Consul's operation list (KV, Node, Service and Check operations), enforces the request-length, operation-count and
/// value-size limits (413), and answers 200 with <c>Results</c> or 409 with <c>Errors</c>.
/// </summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class TxnEndpoint(Agent.Agent agent, HttpApiOptions options)
{
    public async Task<ApiResult> ApplyAsync(ApiRequest request)
    {
        // Consul compat: kv_max_value_size raises the request limit when it is the larger of the two.
        long maxLength = Math.Max(options.TxnMaxRequestLength, options.KvMaxValueSize);
        var body = await request.ReadBodyAsync(maxLength, _ => new RequestTooLargeException(
            $"Request body too large, max size: {maxLength} bytes"));
        // Lenient: a Service operation may name only its ID, a Check only its name (the server fills the rest).
        var operations = ApiRequest.Decode<IReadOnlyList<TxnOp>>(body, "Failed to parse body: ", lenient: true);
        if (operations.Count > KvLimits.MaxTxnOperations)
        {
            throw new RequestTooLargeException(
                $"Transaction contains too many operations ({operations.Count} > {KvLimits.MaxTxnOperations})");
        }

        var writes = 0;
        foreach (var operation in operations)
        {
            if (operation.KV is { } kv && (kv.Value?.Length ?? 0) > options.KvMaxValueSize)
            {
                throw new RequestTooLargeException(
                    $"Value for key \"{kv.Key}\" is too large ({kv.Value!.Length} > {options.KvMaxValueSize} bytes)");
            }

            if (operation.IsWrite)
            {
                writes++;
            }
        }

        var queryOptions = writes == 0 ? request.Options : new Core.Queries.QueryOptions { Token = request.Token };
        if (writes > 0)
        {
            request.CheckDatacenter();
        }

        var result = await agent.Rpc.Txn.ApplyAsync(operations, queryOptions, request.Aborted);
        if (writes == 0)
        {
            // Consul compat: a read-only transaction reports leader contact but no index.
            ResponseHeaders.SetLastContact(request.Context.Response, result.Meta.LastContact);
            ResponseHeaders.SetKnownLeader(request.Context.Response, result.Meta.KnownLeader);
        }

        var conflict = result.Value.Errors is { Count: > 0 };
        return ApiResult.Json(result.Value, conflict ? 409 : 200);
    }
}
