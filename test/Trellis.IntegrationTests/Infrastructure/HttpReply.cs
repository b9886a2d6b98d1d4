using System.Net;
using System.Text;
using System.Text.Json;

namespace Trellis.IntegrationTests.Infrastructure;

/// <summary>A fully read HTTP response: status, headers and body, for exact wire assertions.</summary>
/// <remarks>Immutable record.</remarks>
public sealed record HttpReply(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, byte[] Bytes)
{
    public string Body => Encoding.UTF8.GetString(Bytes);

    /// <summary>The body parsed as JSON (cloned, so it outlives the document).</summary>
    public JsonElement Json()
    {
        try
        {
            using var doc = JsonDocument.Parse(Bytes);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"body is not JSON ({ex.Message}): {this}", ex);
        }
    }

    /// <summary>A header's value, or null (case-insensitive name).</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The <c>X-Consul-Index</c> header as a number; fails the test when missing or malformed.</summary>
    public ulong Index
    {
        get
        {
            var raw = Header("X-Consul-Index");
            Assert.True(ulong.TryParse(raw, out var index), $"X-Consul-Index missing or not a number: '{raw}' in {this}");
            return index;
        }
    }

    public override string ToString() =>
        $"{(int)Status} {Status} [{string.Join(", ", Headers.Select(h => h.Key + ": " + h.Value))}] {(Bytes.Length > 2000 ? Body[..2000] + "..." : Body)}";
}
