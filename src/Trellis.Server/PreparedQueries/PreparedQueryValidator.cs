using System.Globalization;
using System.Text.RegularExpressions;
using Trellis.Core.Catalog;
using Trellis.Core.Errors;
using Trellis.Core.Formats;
using Trellis.Core.PreparedQueries;

namespace Trellis.Server.PreparedQueries;

/// <summary>
/// Consul's <c>parseQuery</c>: the checks a definition must pass before it is proposed. Names, templates and sessions
/// are checked by the state store when the command is applied.
/// </summary>
/// <remarks>
/// Stateless; thread-safe. Consul compat: the texts are Consul's ("Invalid prepared query: …"); Consul answers them
/// with a 500, Trellis with a 400 as it does for every other invalid request.
/// </remarks>
public static partial class PreparedQueryValidator
{
    /// <summary>The placeholder Consul shows instead of a token the reader may not see.</summary>
    public const string RedactedToken = "<hidden>";


    /// <summary>Throws <see cref="InvalidRequestException"/> with Consul's text when the definition is not valid.</summary>
    public static void Validate(PreparedQuery query)
    {
        var error = Check(query);
        if (error is not null)
        {
            throw new InvalidRequestException("Invalid prepared query: " + error);
        }
    }

    private static string? Check(PreparedQuery query)
    {
        if (string.IsNullOrEmpty(query.Name) && string.IsNullOrEmpty(query.Template?.Type) && string.IsNullOrEmpty(query.Session))
        {
            return "Must be bound to a session";
        }

        if (query.Token == RedactedToken)
        {
            return $"Bad Token '{query.Token}', it looks like a query definition with a redacted token was submitted";
        }

        var service = query.Service ?? new ServiceQuery();
        if (string.IsNullOrEmpty(service.Service))
        {
            return "Must provide a Service name to query";
        }

        var failover = service.Failover ?? new QueryFailoverOptions();
        if (failover.NearestN < 0)
        {
            return $"Bad NearestN '{failover.NearestN.ToString(CultureInfo.InvariantCulture)}', must be >= 0";
        }

        if ((failover.NearestN != 0 || failover.Datacenters is { Count: > 0 }) && failover.Targets is { Count: > 0 })
        {
            return "Targets cannot be populated with NearestN or Datacenters";
        }

        if (MetadataValidator.Validate(service.NodeMeta, allowConsulPrefix: true) is { } metaError)
        {
            return metaError;
        }

        var ttl = query.DNS?.TTL ?? "";
        if (ttl.Length > 0)
        {
            if (!GoDuration.TryParse(ttl, out var parsed))
            {
                return $"Bad DNS TTL '{ttl}': time: invalid duration \"{ttl}\"";
            }

            if (parsed < TimeSpan.Zero)
            {
                return $"DNS TTL '{(parsed.Ticks * 100).ToString(CultureInfo.InvariantCulture)}', must be >=0";
            }
        }

        return null;
    }

}
