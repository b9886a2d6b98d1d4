using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trellis.Core.Sessions;

/// <summary>
/// A session's service checks on the wire as Consul writes them: <c>[{"ID": "web-alive", "Namespace": ""}]</c>
/// (a Go client decodes them into structs, so plain strings would break it). Reads that shape and, for data written
/// by earlier Trellis versions, plain strings.
/// </summary>
public sealed class ServiceCheckListJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"ServiceChecks: expected an array, got {reader.TokenType}");
        }

        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ids.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.StartObject => ReadId(ref reader),
                _ => throw new JsonException($"ServiceChecks: expected an object or a string, got {reader.TokenType}"),
            });
        }

        return ids;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var id in value)
        {
            writer.WriteStartObject();
            writer.WriteString("ID", id);
            writer.WriteString("Namespace", "");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string ReadId(ref Utf8JsonReader reader)
    {
        var id = "";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "ID", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.String)
            {
                id = reader.GetString()!;
            }
            else
            {
                reader.Skip();
            }
        }

        return id;
    }
}
