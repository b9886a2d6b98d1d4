using System.Globalization;
using Microsoft.AspNetCore.Http;
using Trellis.Core.Queries;

namespace Trellis.Http.Responses;

/// <summary>Sets Consul's query metadata headers: X-Consul-Index, -KnownLeader, -LastContact, -Effective-Consistency.</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class ResponseHeaders
{
    public static void SetMeta(HttpResponse response, QueryMeta meta, QueryOptions options)
    {
        SetIndex(response, meta.Index);
        SetLastContact(response, meta.LastContact);
        SetKnownLeader(response, meta.KnownLeader);
        response.Headers["X-Consul-Effective-Consistency"] = options.Consistency switch
        {
            ConsistencyMode.Stale => "stale",
            ConsistencyMode.Consistent => "consistent",
            _ => "leader",
        };
    }

    public static void SetIndex(HttpResponse response, ulong index)
    {
        // Consul compat: never report index 0, or blocking clients would spin.
        response.Headers["X-Consul-Index"] = Math.Max(index, 1UL).ToString(CultureInfo.InvariantCulture);
    }

    public static void SetKnownLeader(HttpResponse response, bool known) =>
        response.Headers["X-Consul-KnownLeader"] = known ? "true" : "false";

    public static void SetLastContact(HttpResponse response, TimeSpan lastContact) =>
        response.Headers["X-Consul-LastContact"] =
            ((ulong)Math.Max(0, (long)lastContact.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
