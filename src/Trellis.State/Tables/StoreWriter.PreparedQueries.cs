using System.Collections.Immutable;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Formats;

namespace Trellis.State.Tables;

/// <summary>
/// The prepared query table with Consul's integrity rules: unique IDs, unique names (case-insensitive), one
/// empty-name template at most, no name that aliases another query's ID, an existing session, a template that compiles.
/// A query bound to a session is deleted with the session.
/// </summary>
internal sealed partial class StoreWriter
{
    public ImmutableSortedDictionary<string, PreparedQuery> PreparedQueries { get; private set; }

    public ImmutableDictionary<string, string> PreparedQueryNames { get; private set; }

    public ulong PreparedQueriesIndex { get; private set; }

    /// <summary>Applies one prepared query write; returns null, or Consul's error text with nothing changed.</summary>
    public string? PreparedQueryApply(PreparedQueryOp op, PreparedQuery query)
    {
        if (string.IsNullOrEmpty(query.ID))
        {
            return "Missing Query ID";
        }

        switch (op)
        {
            case PreparedQueryOp.Create when PreparedQueries.ContainsKey(query.ID):
                return $"Query ID '{query.ID}' is already in use";
            case PreparedQueryOp.Update when !PreparedQueries.ContainsKey(query.ID):
                return $"Cannot modify non-existent prepared query: '{query.ID}'";
            case PreparedQueryOp.Create or PreparedQueryOp.Update:
                return PreparedQuerySet(query);
            case PreparedQueryOp.Delete:
                PreparedQueryDelete(query.ID);
                return null;
            default:
                return $"Unknown prepared query operation: {op}";
        }
    }

    private string? PreparedQuerySet(PreparedQuery query)
    {
        var existing = PreparedQueries.GetValueOrDefault(query.ID);
        var name = query.Name ?? "";
        if (name.Length > 0)
        {
            if (PreparedQueryNames.TryGetValue(name, out var otherId) && (existing is null || !string.Equals(existing.ID, otherId, StringComparison.OrdinalIgnoreCase)))
            {
                return $"name '{name}' aliases an existing query name";
            }
        }
        else if (query.IsTemplate())
        {
            var other = PreparedQueries.Values.FirstOrDefault(q => q.IsTemplate() && q.Name.Length == 0);
            if (other is not null && (existing is null || !string.Equals(existing.ID, other.ID, StringComparison.OrdinalIgnoreCase)))
            {
                return "a query template with an empty name already exists";
            }
        }

        if (PreparedQueryIds.IsUuid(name) && PreparedQueries.ContainsKey(name))
        {
            return $"name '{name}' aliases an existing query ID";
        }

        if (!string.IsNullOrEmpty(query.Session) && !Sessions.ContainsKey(query.Session))
        {
            return "invalid session " + GoQuote.Quote(query.Session);
        }

        if (query.IsTemplate())
        {
            try
            {
                QueryTemplate.Compile(query);
            }
            catch (QueryTemplateException ex)
            {
                return "failed compiling template: " + ex.Message;
            }
        }

        var stored = query with
        {
            Name = name,
            CreateIndex = existing?.CreateIndex ?? Index,
            ModifyIndex = Index,
        };
        if (existing is not null && existing.Name.Length > 0)
        {
            PreparedQueryNames = PreparedQueryNames.Remove(existing.Name);
        }

        if (existing is not null)
        {
            PreparedQueries = PreparedQueries.Remove(existing.ID);
        }

        PreparedQueries = PreparedQueries.Add(stored.ID, stored);
        if (name.Length > 0)
        {
            PreparedQueryNames = PreparedQueryNames.SetItem(name, stored.ID);
        }

        TouchPreparedQueries();
        return null;
    }

    /// <summary>Removes a query; an unknown ID is not an error (Consul's behaviour).</summary>
    private void PreparedQueryDelete(string id)
    {
        if (!PreparedQueries.TryGetValue(id, out var existing))
        {
            return;
        }

        PreparedQueries = PreparedQueries.Remove(id);
        if (existing.Name.Length > 0)
        {
            PreparedQueryNames = PreparedQueryNames.Remove(existing.Name);
        }

        TouchPreparedQueries();
    }

    /// <summary>Deletes every query bound to a session being invalidated.</summary>
    private void DeleteSessionQueries(string sessionId)
    {
        if (PreparedQueries.IsEmpty)
        {
            return;
        }

        foreach (var id in PreparedQueries.Values.Where(q => q.Session == sessionId).Select(q => q.ID).ToList())
        {
            PreparedQueryDelete(id);
        }
    }

    private void TouchPreparedQueries()
    {
        PreparedQueriesIndex = Math.Max(PreparedQueriesIndex, Index);
        Changes.Tables.Add(PreparedQueriesTable);
    }
}
