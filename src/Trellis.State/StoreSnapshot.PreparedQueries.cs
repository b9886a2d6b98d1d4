using Trellis.Core.PreparedQueries;
using Trellis.State.Tables;
using Trellis.State.Watches;

namespace Trellis.State;

/// <summary>Prepared query reads: by ID, the whole list, and Consul's resolve (ID, then name, then template prefix).</summary>
public sealed partial class StoreSnapshot
{
    /// <summary>One query by ID (null when missing), with the prepared-queries table index.</summary>
    public (PreparedQuery? Query, ulong Index) PreparedQueryGet(string id, WatchSet? watch = null)
    {
        watch?.AddTable(StoreWriter.PreparedQueriesTable);
        return (Root.PreparedQueries.GetValueOrDefault(id ?? ""), Root.PreparedQueriesIndex);
    }

    /// <summary>Every query by ID, with the table index.</summary>
    public (IReadOnlyList<PreparedQuery> Queries, ulong Index) PreparedQueryList(WatchSet? watch = null)
    {
        watch?.AddTable(StoreWriter.PreparedQueriesTable);
        return ([.. Root.PreparedQueries.Values], Root.PreparedQueriesIndex);
    }

    /// <summary>
    /// Consul's <c>PreparedQueryResolve</c>: a UUID-shaped input is tried as an ID (a template found by ID is an error),
    /// then an exact name (case-insensitive), then the template whose name is the longest prefix of the input
    /// (case-insensitive; an empty-name template matches everything). A template is rendered for the input.
    /// </summary>
    /// <exception cref="QueryTemplateException">The template does not render, or a template was addressed by ID.</exception>
    public (PreparedQuery? Query, ulong Index) PreparedQueryResolve(string idOrName, string agentSegment)
    {
        var index = Root.PreparedQueriesIndex;
        if (string.IsNullOrEmpty(idOrName))
        {
            throw new QueryTemplateException("Missing Query ID");
        }

        if (PreparedQueryIds.IsUuid(idOrName) && Root.PreparedQueries.TryGetValue(idOrName, out var byId))
        {
            return byId.IsTemplate()
                ? throw new QueryTemplateException("prepared query templates can only be resolved up by name, not by ID")
                : (byId, index);
        }

        if (Root.PreparedQueryNames.TryGetValue(idOrName, out var id))
        {
            return (Prepare(Root.PreparedQueries[id], idOrName, agentSegment), index);
        }

        PreparedQuery? best = null;
        foreach (var query in Root.PreparedQueries.Values)
        {
            if (query.IsTemplate() && idOrName.StartsWith(query.Name, StringComparison.OrdinalIgnoreCase)
                && (best is null || query.Name.Length > best.Name.Length))
            {
                best = query;
            }
        }

        return (best is null ? null : Prepare(best, idOrName, agentSegment), index);
    }

    private static PreparedQuery Prepare(PreparedQuery query, string name, string agentSegment) =>
        query.IsTemplate() ? QueryTemplate.For(query).Render(name, agentSegment) : query;
}
