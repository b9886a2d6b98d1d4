using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Trellis.Core.Hcl;

/// <summary>
/// Reads a JSON config file into the same tree <see cref="HclParser"/> produces, with line and column of every node.
/// <c>null</c> members are dropped (Consul treats them as unset); a repeated member keeps the later value.
/// </summary>
/// <remarks>Stateless; safe to call from any thread.</remarks>
public static class HclJson
{
    public static HclObject Parse(string text, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = false,
            MaxDepth = HclParser.MaxDepth,
        });
        var ctx = new Context(file, bytes, lineStarts);
        try
        {
            if (!reader.Read())
            {
                throw ctx.Error(1, 1, "unexpected end of JSON input");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var (l, c) = ctx.Position(reader.TokenStartIndex);
                throw ctx.Error(l, c, "a config file must hold a JSON object");
            }

            var root = (HclObject)ReadValue(ref reader, ctx)!;
            if (reader.Read())
            {
                var (l, c) = ctx.Position(reader.TokenStartIndex);
                throw ctx.Error(l, c, "invalid character after top-level value");
            }

            return root;
        }
        catch (JsonException ex)
        {
            throw ctx.Error((int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, CleanMessage(ex.Message));
        }
    }

    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '.');
    }

    private static HclValue? ReadValue(ref Utf8JsonReader reader, Context ctx)
    {
        var (line, column) = ctx.Position(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<KeyValuePair<string, HclValue>>();
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                var positions = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyPosition = ctx.Position(reader.TokenStartIndex);
                    var key = reader.GetString()!;
                    reader.Read();
                    var value = ReadValue(ref reader, ctx);
                    if (value is null)
                    {
                        continue;
                    }

                    if (index.TryGetValue(key, out var at))
                    {
                        entries[at] = new(key, value);
                    }
                    else
                    {
                        index[key] = entries.Count;
                        entries.Add(new(key, value));
                    }

                    positions[key] = keyPosition;
                }

                return new HclObject(entries, positions, line, column);
            case JsonTokenType.StartArray:
                var items = ImmutableArray.CreateBuilder<HclValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (ReadValue(ref reader, ctx) is { } item)
                    {
                        items.Add(item);
                    }
                }

                return new HclList(items.ToImmutable(), line, column);
            case JsonTokenType.String:
                return HclScalar.String(reader.GetString()!, line, column);
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var l))
                {
                    return HclScalar.Int(l, line, column);
                }

                if (reader.TryGetDouble(out var d) && double.IsFinite(d))
                {
                    return HclScalar.Float(d, line, column);
                }

                throw ctx.Error(line, column, "number out of range");
            case JsonTokenType.True:
                return HclScalar.Bool(true, line, column);
            case JsonTokenType.False:
                return HclScalar.Bool(false, line, column);
            default:
                return null;
        }
    }

    private sealed class Context(string file, byte[] bytes, List<int> lineStarts)
    {
        public (int Line, int Column) Position(long byteOffset)
        {
            var index = lineStarts.BinarySearch((int)byteOffset);
            var lineIndex = index >= 0 ? index : ~index - 1;
            var start = lineStarts[lineIndex];
            var column = Encoding.UTF8.GetCharCount(bytes, start, (int)byteOffset - start) + 1;
            return (lineIndex + 1, column);
        }

        public HclParseException Error(int line, int column, string reason) => new(file, line, column, reason);
    }
}
