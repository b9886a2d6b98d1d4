using System.Collections.Immutable;
using System.Text.Json;
using Trellis.Core.Kv;
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
        WriteArray(w, destination, "Kvs", root.Kvs, e => JsonSerializer.Serialize(w, e, ctx.KvEntry));
        WriteArray(w, destination, "Tombstones", root.Tombstones, t => JsonSerializer.Serialize(w, t, ctx.Tombstone));
        WriteArray(w, destination, "Sessions", root.Sessions.Values, s => JsonSerializer.Serialize(w, s, ctx.Session));
        WriteArray(w, destination, "LockDelays", root.LockDelays.OrderBy(d => d.Key, StringComparer.Ordinal),
            d => JsonSerializer.Serialize(w, new LockDelay(d.Key, d.Value), ctx.LockDelay));
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

        return StoreRoot.Empty with
        {
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

    private static void WriteArray<T>(Utf8JsonWriter w, Stream destination, string name, IEnumerable<T> items, Action<T> write)
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
        _ = destination;
    }
}
