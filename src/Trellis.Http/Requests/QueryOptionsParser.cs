using System.Globalization;
using Trellis.Core.Errors;
using Trellis.Core.Formats;
using Trellis.Core.Queries;

namespace Trellis.Http.Requests;

/// <summary>
/// Parses the options every read takes — <c>index</c>, <c>wait</c>, <c>stale</c>, <c>consistent</c>,
/// <c>max_stale</c>, <c>dc</c> and the token — with Consul's error texts.
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class QueryOptionsParser
{
    public static QueryOptions Parse(ApiRequest request, string datacenter)
    {
        CheckDatacenter(request, datacenter);
        var wait = TimeSpan.Zero;
        var waitText = request.Get("wait");
        if (waitText.Length > 0 && !GoDuration.TryParse(waitText, out wait))
        {
            throw new InvalidRequestException("Invalid wait time");
        }

        ulong index = 0;
        var indexText = request.Get("index");
        if (indexText.Length > 0 && !ulong.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            throw new InvalidRequestException("Invalid index");
        }

        var stale = request.Has("stale");
        var consistent = request.Has("consistent");
        var maxStale = TimeSpan.Zero;
        var maxStaleText = request.Get("max_stale");
        if (maxStaleText.Length > 0)
        {
            if (!GoDuration.TryParse(maxStaleText, out maxStale))
            {
                throw new InvalidRequestException("Invalid max_stale value \"" + maxStaleText + "\"");
            }

            stale = true;
        }

        if (stale && consistent)
        {
            throw new InvalidRequestException("Cannot specify ?stale with ?consistent, conflicting semantics.");
        }

        if (wait > QueryOptions.MaxMaxQueryTime)
        {
            wait = QueryOptions.MaxMaxQueryTime;
        }

        return new QueryOptions
        {
            MinQueryIndex = index,
            MaxQueryTime = wait < TimeSpan.Zero ? TimeSpan.Zero : wait,
            Consistency = consistent ? ConsistencyMode.Consistent : stale ? ConsistencyMode.Stale : ConsistencyMode.Default,
            MaxStaleDuration = maxStale,
            Token = ParseToken(request),
            Datacenter = datacenter,
        };
    }

    /// <summary>Consul's order: <c>?token</c>, then <c>X-Consul-Token</c>, then <c>Authorization: Bearer</c>.</summary>
    public static string? ParseToken(ApiRequest request)
    {
        var token = request.Get("token");
        if (token.Length > 0)
        {
            return token;
        }

        var headers = request.Context.Request.Headers;
        token = headers["X-Consul-Token"].ToString();
        if (token.Length > 0)
        {
            return token;
        }

        var authorization = headers.Authorization.ToString().Trim();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            token = authorization[bearer.Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        return null;
    }

    public static void CheckDatacenter(ApiRequest request, string datacenter)
    {
        var dc = request.Get("dc");
        if (dc.Length > 0 && !string.Equals(dc, datacenter, StringComparison.Ordinal))
        {
            // Consul compat: an unknown datacenter is a 500 with this text.
            throw new InvalidOperationException("No path to datacenter");
        }
    }
}
