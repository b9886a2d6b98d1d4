using System.Text.Json;

namespace Trellis.State.Persistence;

/// <summary>One record of a serialized store: its type (Consul's snapshot record names), its KV key, its size.</summary>
/// <param name="Type">"KVS", "Register", "Session"… (Consul's names where Consul has the record, ours otherwise).</param>
/// <param name="Key">The key of a "KVS" record; null for every other type.</param>
/// <param name="Size">The record's bytes in the serialized store.</param>
public sealed record StateRecord(string Type, string? Key, int Size);

/// <summary>
/// Lists the records of a serialized store (the <c>state.bin</c> of a snapshot) without building a store, for
/// <c>snapshot inspect</c>: every element of every table (a table held as one object is one record), in order. A
/// table this version does not know is listed under its own name.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class StateRecords
{
    // Consul writes nodes, services and checks as "Register" records and table indexes as "Index".
    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.Ordinal)
    {
        ["Kvs"] = "KVS",
        ["Tombstones"] = "Tombstone",
        ["Sessions"] = "Session",
        ["LockDelays"] = "LockDelay",
        ["Nodes"] = "Register",
        ["Services"] = "Register",
        ["Checks"] = "Register",
        ["ServiceIndexes"] = "Index",
        ["PreparedQueries"] = "PreparedQuery",
    };

    /// <summary>The records of <paramref name="state"/>; throws <see cref="InvalidDataException"/> when it is not a serialized store.</summary>
    public static IReadOnlyList<StateRecord> Read(ReadOnlySpan<byte> state)
    {
        var records = new List<StateRecord>();
        var reader = new Utf8JsonReader(state, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var table = reader.GetString()!;
                Expect(reader.Read());
                var type = TypeNames.GetValueOrDefault(table, table);
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    // A single-record table (the autopilot settings).
                    var at = (int)reader.TokenStartIndex;
                    reader.Skip();
                    records.Add(new StateRecord(type, null, (int)reader.BytesConsumed - at));
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    var key = type == "KVS" && reader.TokenType == JsonTokenType.StartObject ? ReadKey(state[start..]) : null;
                    reader.Skip();
                    records.Add(new StateRecord(type, key, (int)reader.BytesConsumed - start));
                }
            }

            Expect(reader.TokenType == JsonTokenType.EndObject);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("state is not a serialized store: " + ex.Message, ex);
        }

        return records;
    }

    private static string? ReadKey(ReadOnlySpan<byte> element)
    {
        var reader = new Utf8JsonReader(element);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKey = reader.ValueTextEquals("Key"u8);
            reader.Read();
            if (isKey && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    private static void Expect(bool condition)
    {
        if (!condition)
        {
            throw new InvalidDataException("state is not a serialized store");
        }
    }
}
