using Microsoft.AspNetCore.Http;
using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary><c>/v1/kv/{key}</c>: GET (one, recurse, keys, raw), PUT (set, cas, acquire, release) and DELETE.</summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class KvEndpoint(Agent.Agent agent, HttpApiOptions options)
{
    private const string Prefix = "/v1/kv/";

    public Task<ApiResult> HandleAsync(ApiRequest request)
    {
        var key = request.PathAfter(Prefix);
        _ = request.Options;
        return request.Method switch
        {
            "GET" when request.Has("keys") => KeysAsync(request, key),
            "GET" => GetAsync(request, key),
            "PUT" => PutAsync(request, key),
            _ => DeleteAsync(request, key),
        };
    }

    private async Task<ApiResult> GetAsync(ApiRequest request, string key)
    {
        if (request.Has("recurse"))
        {
            var list = await agent.Rpc.Kv.ListAsync(key, request.Options, request.Aborted);
            ResponseHeaders.SetMeta(request.Context.Response, list.Meta, request.Options);
            return list.Value.Count == 0 ? ApiResult.NotFound : ApiResult.Json(list.Value);
        }

        if (key.Length == 0)
        {
            throw new InvalidRequestException("Missing key name");
        }

        var one = await agent.Rpc.Kv.GetAsync(key, request.Options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, one.Meta, request.Options);
        if (one.Value is null)
        {
            return ApiResult.NotFound;
        }

        if (request.Has("raw"))
        {
            return ApiResult.Bytes(one.Value.Value ?? [], "text/plain", new Dictionary<string, string>
            {
                ["X-Content-Type-Options"] = "nosniff",
                ["Content-Security-Policy"] = "sandbox",
            });
        }

        IReadOnlyList<KvEntry> entries = [one.Value];
        return ApiResult.Json(entries);
    }

    private async Task<ApiResult> KeysAsync(ApiRequest request, string prefix)
    {
        // Consul compat: the historic misspelling "seperator" is accepted; "separator" wins when both are given.
        var separator = request.Has("separator") ? request.Get("separator") : request.Has("seperator") ? request.Get("seperator") : null;
        var keys = await agent.Rpc.Kv.KeysAsync(prefix, string.IsNullOrEmpty(separator) ? null : separator, request.Options, request.Aborted);
        ResponseHeaders.SetMeta(request.Context.Response, keys.Meta, request.Options);
        if (keys.Value.Count == 0 && prefix.Length > 0)
        {
            return ApiResult.NotFound;
        }

        return ApiResult.Json(keys.Value);
    }

    private async Task<ApiResult> PutAsync(ApiRequest request, string key)
    {
        if (key.Length == 0)
        {
            throw new InvalidRequestException("Missing key name");
        }

        if (ConflictingFlags(request, "cas", "acquire", "release") is { } conflict)
        {
            return conflict;
        }

        var verb = KvVerb.Set;
        ulong flags = request.Has("flags") ? GoText.ParseUint(request.Get("flags")) : 0;
        ulong cas = 0;
        string? session = null;
        if (request.Has("cas"))
        {
            cas = GoText.ParseUint(request.Get("cas"));
            verb = KvVerb.Cas;
        }

        if (request.Has("acquire"))
        {
            session = request.Get("acquire");
            verb = KvVerb.Lock;
        }

        if (request.Has("release"))
        {
            session = request.Get("release");
            verb = KvVerb.Unlock;
        }

        var limit = options.KvMaxValueSize;
        var value = await request.ReadBodyAsync(limit, size => new RequestTooLargeException(
            $"Request body({size} bytes) too large, max size: {limit} bytes. See https://developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size."));
        // Consul compat: an empty body stores no value at all, which reads back as "Value": null.
        var entry = new KvEntry { Key = key, Flags = flags, Value = value.Length == 0 ? null : value, ModifyIndex = cas, Session = session };
        var applied = await agent.Rpc.Kv.ApplyAsync(verb, entry, request.Token, request.Aborted);
        // Consul compat: a plain set always answers true; cas, acquire and release answer the outcome.
        return ApiResult.Json(verb == KvVerb.Set || applied);
    }

    private async Task<ApiResult> DeleteAsync(ApiRequest request, string key)
    {
        if (ConflictingFlags(request, "recurse", "cas") is { } conflict)
        {
            return conflict;
        }

        var verb = KvVerb.Delete;
        ulong cas = 0;
        if (request.Has("recurse"))
        {
            verb = KvVerb.DeleteTree;
        }
        else if (key.Length == 0)
        {
            throw new InvalidRequestException("Missing key name");
        }

        if (request.Has("cas"))
        {
            cas = GoText.ParseUint(request.Get("cas"));
            verb = KvVerb.DeleteCas;
        }

        var applied = await agent.Rpc.Kv.ApplyAsync(verb, new KvEntry { Key = key, ModifyIndex = cas }, request.Token, request.Aborted);
        return ApiResult.Json(verb != KvVerb.DeleteCas || applied);
    }

    private static ApiResult? ConflictingFlags(ApiRequest request, params string[] flags) =>
        flags.Count(request.Has) > 1
            ? ApiResult.Text(StatusCodes.Status400BadRequest, $"Conflicting flags: {GoText.EncodeQuery(request)}\n")
            : null;
}
