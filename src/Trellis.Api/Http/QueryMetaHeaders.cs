using System.Globalization;
using System.Net.Http.Headers;
using Trellis.Core.Queries;

namespace Trellis.Api.Http;

/// <summary>Reads a <see cref="QueryMeta"/> from Consul's response headers.</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class QueryMetaHeaders
{
    public const string Index = "X-Consul-Index";
    public const string KnownLeader = "X-Consul-KnownLeader";
    public const string LastContact = "X-Consul-LastContact";

    /// <summary>
    /// <c>X-Consul-Index</c> (decimal), <c>X-Consul-KnownLeader</c> ("true"), <c>X-Consul-LastContact</c> (milliseconds).
    /// Missing headers leave defaults; a malformed one throws <see cref="FormatException"/>, as Consul's client errors.
    /// </summary>
    public static QueryMeta Parse(HttpResponseHeaders headers)
    {
        var meta = new QueryMeta();
        if (TryGet(headers, Index, out var index))
        {
            meta = meta with { Index = ulong.Parse(index, NumberStyles.None, CultureInfo.InvariantCulture) };
        }

        if (TryGet(headers, KnownLeader, out var leader))
        {
            meta = meta with { KnownLeader = leader == "true" };
        }

        if (TryGet(headers, LastContact, out var contact))
        {
            var ms = ulong.Parse(contact, NumberStyles.None, CultureInfo.InvariantCulture);
            meta = meta with { LastContact = TimeSpan.FromMilliseconds(ms) };
        }

        return meta;
    }

    private static bool TryGet(HttpResponseHeaders headers, string name, out string value)
    {
        value = "";
        if (!headers.TryGetValues(name, out var values))
        {
            return false;
        }

        value = values.FirstOrDefault()?.Trim() ?? "";
        return value.Length > 0;
    }
}
