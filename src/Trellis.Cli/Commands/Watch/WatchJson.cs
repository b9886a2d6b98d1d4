using System.Text;
using System.Text.Json;

namespace Trellis.Cli.Commands.Watch;

/// <summary>How a watch result is shown: indented by four spaces when printed (Go's MarshalIndent with "    ").</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class WatchJson
{
    public static string Indent(string compactJson)
    {
        using var document = JsonDocument.Parse(compactJson);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 4 }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
