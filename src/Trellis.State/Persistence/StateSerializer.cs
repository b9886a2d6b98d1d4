using System.Collections.Immutable;
using System.Text.Json;
using Trellis.Core.Catalog;
using Trellis.Core.Kv;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Sessions;
using Trellis.State.Tables;

namespace Trellis.State.Persistence;

/// <summary>
/// Writes a root as one JSON document, table by table (entries are streamed, not collected first), and reads it
/// back, validating everything before a root is built: a corrupt input throws <see cref="InvalidDataException"/>.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class StateSerializer
{
    public const int FormatVersion = 1;

    public static void Write(StoreRoot root, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var ctx = StateJsonContext.Default;
        using var w = new Utf8JsonWriter(destination);
        w.WriteStartObject();
        w.WriteNumber("Version", FormatVersion);
        w.WriteNumber("Index", root.Index);
        w.WriteNumber("KvsIndex", root.KvsIndex);
        w.WriteNumber("TombstonesIndex", root.TombstonesIndex);
        w.WriteNumber("SessionsIndex", root.SessionsIndex);
        w.WriteNumber("ReapedIndex", root.ReapedIndex);
        WriteArray(w, "Kvs", root.Kvs, e => JsonSerializer.Serialize(w, e, ctx.KvEntry));
        WriteArray(w, "Tombstones", root.Tombstones, t => JsonSerializer.Serialize(w, t, ctx.Tombstone));
        WriteArray(w, "Sessions", root.Sessions.Values, s => JsonSerializer.Serialize(w, s, ctx.Session));
        WriteArray(w, "LockDelays", root.LockDelays.OrderBy(d => d.Key, StringComparer.Ordinal),
            d => JsonSerializer.Serialize(w, new LockDelay(d.Key, d.Value), ctx.LockDelay));
        w.WriteNumber("NodesIndex", root.NodesIndex);
        w.WriteNumber("ServicesIndex", root.ServicesIndex);
        w.WriteNumber("ChecksIndex", root.ChecksIndex);
        WriteArray(w, "Nodes", root.Nodes.Values, n => JsonSerializer.Serialize(w, n, ctx.CatalogNode));
        WriteArray(w, "Services", root.Nodes.Keys.SelectMany(n => root.Services.TryGetValue(n, out var s) ? s.Values.Select(v => new ServiceRow(n, v)) : []),
            r => JsonSerializer.Serialize(w, r, ctx.ServiceRow));
        WriteArray(w, "Checks", root.Nodes.Keys.SelectMany(n => root.Checks.TryGetValue(n, out var c) ? c.Values : []),
            c => JsonSerializer.Serialize(w, c, ctx.HealthCheck));
        WriteArray(w, "ServiceIndexes", root.ServiceIndexes.OrderBy(kv => kv.Key, StringComparer.Ordinal),
            kv => JsonSerializer.Serialize(w, new ServiceIndexRow(kv.Key, kv.Value), ctx.ServiceIndexRow));
        w.WriteNumber("PreparedQueriesIndex", root.PreparedQueriesIndex);
        WriteArray(w, "PreparedQueries", root.PreparedQueries.Values, q => JsonSerializer.Serialize(w, q, ctx.PreparedQuery));
        if (root.AutopilotConfig is { } autopilot)
        {
            w.WritePropertyName("Autopilot");
            JsonSerializer.Serialize(w, autopilot, ctx.AutopilotConfiguration);
        }

        w.WriteEndObject();
        w.Flush();
    }

    public static StoreRoot Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        StateDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(source, StateJsonContext.Default.StateDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The serialized state is not valid JSON of the expected shape.", ex);
        }

        if (doc is null || doc.Version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported serialized state (version {doc?.Version}).");
        }

        return Build(doc);
    }

    private static StoreRoot Build(StateDocument doc)
    {
        var kvList = doc.Kvs ?? [];
        if (kvList.Any(e => e is null || e.Key is null))
        {
            throw new InvalidDataException("A KV entry without a key.");
        }

        var kvs = ImmutableSortedSet.CreateRange(KeyComparers.Entry, kvList);
        var stones = ImmutableSortedSet.CreateRange(KeyComparers.Tombstone, (doc.Tombstones ?? []).Where(t => t?.Key is not null));
        var sessionList = doc.Sessions ?? [];
        if (kvs.Count != kvList.Count || stones.Count != (doc.Tombstones?.Count ?? 0)
            || sessionList.Any(s => s?.ID is null || s.Node is null)
            || sessionList.Select(s => s.ID).Distinct(StringComparer.Ordinal).Count() != sessionList.Count)
        {
            throw new InvalidDataException("Duplicate or incomplete rows in the serialized state.");
        }

        var sessions = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, sessionList.Select(s => KeyValuePair.Create(s.ID, s)));
        var byNode = sessionList.GroupBy(s => s.Node, StringComparer.Ordinal).ToImmutableDictionary(
            g => g.Key, g => ImmutableSortedSet.CreateRange(StringComparer.Ordinal, g.Select(s => s.ID)), StringComparer.Ordinal);
        var bySession = kvs.Where(e => !string.IsNullOrEmpty(e.Session)).GroupBy(e => e.Session!, StringComparer.Ordinal).ToImmutableDictionary(
            g => g.Key, g => ImmutableSortedSet.CreateRange(StringComparer.Ordinal, g.Select(e => e.Key)), StringComparer.Ordinal);
        var delays = ImmutableDictionary.CreateRange(StringComparer.Ordinal,
            (doc.LockDelays ?? []).Where(d => d?.Key is not null).DistinctBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => KeyValuePair.Create(d.Key, d.UntilUnixMilliseconds)));

        var catalog = BuildCatalog(doc);
        var (queries, names) = BuildPreparedQueries(doc);
        return catalog with
        {
            PreparedQueries = queries,
            PreparedQueryNames = names,
            PreparedQueriesIndex = doc.PreparedQueriesIndex,
            AutopilotConfig = doc.Autopilot,
            Index = doc.Index,
            KvsIndex = doc.KvsIndex,
            TombstonesIndex = doc.TombstonesIndex,
            SessionsIndex = doc.SessionsIndex,
            ReapedIndex = doc.ReapedIndex,
            Kvs = kvs,
            Tombstones = stones,
            Sessions = sessions,
            SessionsByNode = byNode,
            KeysBySession = bySession,
            LockDelays = delays,
        };
    }

    /// <summary>The catalog tables of a document (rebuilding the derived lookups); throws on rows that cannot be.</summary>
    private static StoreRoot BuildCatalog(StateDocument doc)
    {
        var writerNodes = StoreRoot.Empty.Nodes;
        var nodeIds = StoreRoot.Empty.NodeIds;
        foreach (var node in doc.Nodes ?? [])
        {
            if (node?.Node is null || writerNodes.ContainsKey(node.Node))
            {
                throw new InvalidDataException("Duplicate or incomplete nodes in the serialized state.");
            }

            writerNodes = writerNodes.Add(node.Node, node);
            if (!string.IsNullOrEmpty(node.ID))
            {
                nodeIds = nodeIds.SetItem(node.ID, node.Node);
            }
        }

        var services = StoreRoot.Empty.Services;
        var instances = StoreRoot.Empty.ServiceInstances;
        foreach (var row in doc.Services ?? [])
        {
            if (row?.Node is null || row.Service?.ID is null || row.Service.Service is null || !writerNodes.ContainsKey(row.Node))
            {
                throw new InvalidDataException("A service row without its node in the serialized state.");
            }

            var onNode = services.TryGetValue(row.Node, out var existing) ? existing : ImmutableSortedDictionary.Create<string, NodeService>(CatalogKey.Comparer);
            if (onNode.ContainsKey(row.Service.ID))
            {
                throw new InvalidDataException("A duplicate service in the serialized state.");
            }

            services = services.SetItem(row.Node, onNode.Add(row.Service.ID, row.Service));
            var set = instances.TryGetValue(row.Service.Service, out var keys) ? keys : ImmutableSortedSet.Create(ServiceKey.Order);
            instances = instances.SetItem(row.Service.Service, set.Add(new ServiceKey(row.Node, row.Service.ID)));
        }

        var checks = StoreRoot.Empty.Checks;
        foreach (var check in doc.Checks ?? [])
        {
            if (check?.CheckID is null || check.Node is null || !writerNodes.ContainsKey(check.Node))
            {
                throw new InvalidDataException("A check row without its node in the serialized state.");
            }

            var onNode = checks.TryGetValue(check.Node, out var existing) ? existing : ImmutableSortedDictionary.Create<string, HealthCheck>(CatalogKey.Comparer);
            if (onNode.ContainsKey(check.CheckID))
            {
                throw new InvalidDataException("A duplicate check in the serialized state.");
            }

            checks = checks.SetItem(check.Node, onNode.Add(check.CheckID, check));
        }

        var indexes = StoreRoot.Empty.ServiceIndexes;
        foreach (var row in doc.ServiceIndexes ?? [])
        {
            if (row?.Name is not null)
            {
                indexes = indexes.SetItem(row.Name, row.Index);
            }
        }

        return StoreRoot.Empty with
        {
            Nodes = writerNodes,
            NodeIds = nodeIds,
            Services = services,
            ServiceInstances = instances,
            Checks = checks,
            ServiceIndexes = indexes,
            NodesIndex = doc.NodesIndex,
            ServicesIndex = doc.ServicesIndex,
            ChecksIndex = doc.ChecksIndex,
        };
    }

    /// <summary>The prepared query table of a document with its name index; throws on incomplete or conflicting rows.</summary>
    private static (ImmutableSortedDictionary<string, PreparedQuery> Queries, ImmutableDictionary<string, string> Names) BuildPreparedQueries(StateDocument doc)
    {
        var queries = StoreRoot.Empty.PreparedQueries;
        var names = StoreRoot.Empty.PreparedQueryNames;
        foreach (var query in doc.PreparedQueries ?? [])
        {
            if (query?.ID is not { Length: > 0 } || query.Name is null || query.Service is null || query.Template is null || query.DNS is null
                || queries.ContainsKey(query.ID) || (query.Name.Length > 0 && names.ContainsKey(query.Name)))
            {
                throw new InvalidDataException("Duplicate or incomplete prepared queries in the serialized state.");
            }

            queries = queries.Add(query.ID, query);
            if (query.Name.Length > 0)
            {
                names = names.Add(query.Name, query.ID);
            }
        }

        return (queries, names);
    }

    private static void WriteArray<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<T> write)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            write(item);
            if (w.BytesPending > 64 * 1024)
            {
                w.Flush();
            }
        }

        w.WriteEndArray();
    }
}
