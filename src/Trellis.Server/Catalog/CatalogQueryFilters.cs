using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Queries;

namespace Trellis.Server.Catalog;

/// <summary>
/// The result filters of catalog and health queries: node meta, tags (case-insensitive, every one required, as
/// Consul's <c>tag</c> parameters), passing-only, the <c>filter</c> expression and the <c>near</c> sort hook.
/// </summary>
/// <remarks>Stateless apart from the immutable filter seam; thread-safe.</remarks>
public sealed class CatalogQueryFilters(IResultFilter filter)
{
    /// <summary>Whether <paramref name="node"/> carries every <c>node-meta</c> pair of <paramref name="options"/>.</summary>
    public static bool MatchesMeta(CatalogNode node, QueryOptions options) =>
        options.NodeMeta is not { Count: > 0 } wanted
        || wanted.All(kv => node.Meta is not null && node.Meta.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>Whether <paramref name="service"/> has every tag in <paramref name="tags"/> (case-insensitive).</summary>
    public static bool HasTags(NodeService service, IReadOnlyList<string> tags) =>
        tags.Count == 0 || tags.All(t => service.Tags?.Contains(t, StringComparer.OrdinalIgnoreCase) == true);

    /// <summary>Whether every check of an entry passes (Consul's <c>?passing</c>: warning and critical both fail).</summary>
    public static bool IsPassing(ServiceEntry entry) => entry.Checks.All(c => c.Status == HealthStatus.Passing);

    /// <summary>
    /// Compiles the <c>filter</c> expression once, before a query runs or blocks (a bad one is a 400 at once);
    /// null when there is none.
    /// </summary>
    public Func<T, bool>? Compile<T>(QueryOptions options)
        where T : notnull =>
        string.IsNullOrEmpty(options.Filter) ? null : filter.Compile<T>(options.Filter);

    /// <summary>Applies a compiled filter (null keeps everything).</summary>
    public static IReadOnlyList<T> Apply<T>(IReadOnlyList<T> items, Func<T, bool>? predicate) =>
        predicate is null ? items : [.. items.Where(predicate)];

    /// <summary>
    /// The <c>near</c> sort hook: with network coordinates results would be ordered by estimated round-trip time from
    /// the named node. There are none yet, so the order stays Consul's default (by node, then ID).
    /// </summary>
    public static IReadOnlyList<T> SortNear<T>(IReadOnlyList<T> items, QueryOptions options) => items;
}
