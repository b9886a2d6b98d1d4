using Trellis.Core.Errors;
using Trellis.Core.Queries;

namespace Trellis.Http.Requests;

/// <summary>
/// The catalog and health query parameters on top of the common options: repeatable <c>tag</c>, repeatable
/// <c>node-meta=key:value</c>, <c>filter</c>, <c>near</c> (<c>_agent</c> is this agent's node) and <c>passing</c>.
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class CatalogQuery
{
    /// <summary>The request's options with <c>node-meta</c>, <c>filter</c> and <c>near</c> added.</summary>
    public static QueryOptions Options(ApiRequest request, string localNode)
    {
        var options = request.Options;
        Dictionary<string, string>? meta = null;
        foreach (var pair in request.Context.Request.Query["node-meta"])
        {
            if (string.IsNullOrEmpty(pair))
            {
                continue;
            }

            // Consul compat: "key:value"; a pair without a colon filters on the key with an empty value.
            var cut = pair.IndexOf(':', StringComparison.Ordinal);
            (meta ??= new Dictionary<string, string>(StringComparer.Ordinal))[cut < 0 ? pair : pair[..cut]] = cut < 0 ? "" : pair[(cut + 1)..];
        }

        var near = request.Get("near");
        return options with
        {
            NodeMeta = meta,
            Filter = request.Has("filter") ? request.Get("filter") : null,
            Near = near == "_agent" ? localNode : near.Length > 0 ? near : null,
        };
    }

    /// <summary>Every <c>tag</c> parameter (repeatable; empty values ignored).</summary>
    public static IReadOnlyList<string> Tags(ApiRequest request) =>
        [.. request.Context.Request.Query["tag"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!)];

    /// <summary>
    /// Consul's <c>?passing</c>: present without a value means true; otherwise a Go boolean
    /// (1 t T TRUE true True, 0 f F FALSE false False), anything else a 400 with Consul's text.
    /// </summary>
    public static bool Passing(ApiRequest request)
    {
        if (!request.Has("passing"))
        {
            return false;
        }

        var value = request.Get("passing");
        // Go's strconv.ParseBool, exactly.
        return value switch
        {
            "" or "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => throw new InvalidRequestException("Invalid value for ?passing"),
        };
    }
}
