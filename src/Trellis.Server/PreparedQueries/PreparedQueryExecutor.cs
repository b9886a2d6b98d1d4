using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.PreparedQueries;

namespace Trellis.Server.PreparedQueries;

/// <summary>
/// Consul's prepared query execution filters, applied to a service's instances in Consul's order: health (critical
/// always dropped, warning too with <c>OnlyPassing</c>, <c>IgnoreCheckIDs</c> skipped), node meta, service meta, tags
/// (case-insensitive, <c>!tag</c> excludes); then shuffle, the near node to the front, and the limit.
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
public static class PreparedQueryExecutor
{
    /// <summary>How deep Consul looks for the near node among the shuffled results.</summary>
    private const int NearSearchDepth = 10;

    /// <summary>The instances of <paramref name="entries"/> that <paramref name="query"/> keeps, in their order.</summary>
    public static List<ServiceEntry> Filter(ServiceQuery query, IEnumerable<ServiceEntry> entries)
    {
        var ignore = new HashSet<string>(query.IgnoreCheckIDs ?? [], StringComparer.Ordinal);
        var (must, not) = SplitTags(query.Tags);
        var result = new List<ServiceEntry>();
        foreach (var entry in entries)
        {
            if (IsHealthy(entry, query.OnlyPassing, ignore)
                && Satisfies(entry.Node.Meta, query.NodeMeta)
                && Satisfies(entry.Service.Meta, query.ServiceMeta)
                && HasTags(entry.Service, must, not))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>Shuffles, moves <paramref name="nearNode"/> (if found in the first ten) to the front and applies <paramref name="limit"/>.</summary>
    public static List<ServiceEntry> Arrange(List<ServiceEntry> entries, string nearNode, int limit, Random random)
    {
        var shuffled = entries.ToArray();
        random.Shuffle(shuffled);
        var result = shuffled.ToList();
        if (nearNode.Length > 0)
        {
            for (var i = 0; i < result.Count && i < NearSearchDepth; i++)
            {
                if (string.Equals(result[i].Node.Node, nearNode, StringComparison.OrdinalIgnoreCase))
                {
                    (result[0], result[i]) = (result[i], result[0]);
                    break;
                }
            }
        }

        if (limit > 0 && result.Count > limit)
        {
            result.RemoveRange(limit, result.Count - limit);
        }

        return result;
    }

    private static bool IsHealthy(ServiceEntry entry, bool onlyPassing, HashSet<string> ignore)
    {
        foreach (var check in entry.Checks)
        {
            if (ignore.Contains(check.CheckID))
            {
                continue;
            }

            if (check.Status is HealthStatus.Critical or HealthStatus.Maintenance || (onlyPassing && check.Status != HealthStatus.Passing))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Satisfies(IReadOnlyDictionary<string, string>? actual, IReadOnlyDictionary<string, string>? required)
    {
        if (required is null)
        {
            return true;
        }

        foreach (var (key, value) in required)
        {
            if (actual is null || !actual.TryGetValue(key, out var have) || have != value)
            {
                return false;
            }
        }

        return true;
    }

    private static (List<string> Must, List<string> Not) SplitTags(IReadOnlyList<string>? tags)
    {
        var must = new List<string>();
        var not = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var tag = raw.ToLowerInvariant();
            if (tag.StartsWith('!'))
            {
                not.Add(tag[1..]);
            }
            else
            {
                must.Add(tag);
            }
        }

        return (must, not);
    }

    private static bool HasTags(NodeService service, List<string> must, List<string> not)
    {
        if (must.Count == 0 && not.Count == 0)
        {
            return true;
        }

        var have = new HashSet<string>((service.Tags ?? []).Select(t => t.ToLowerInvariant()), StringComparer.Ordinal);
        return must.All(have.Contains) && !not.Any(have.Contains);
    }
}
