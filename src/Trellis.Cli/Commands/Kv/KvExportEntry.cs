using System.Text.Json.Serialization;

namespace Trellis.Cli.Commands.Kv;

/// <summary>One entry of <c>kv export</c>/<c>kv import</c> JSON: lower-case names and a Base64 value, as Consul writes them.</summary>
public sealed record KvExportEntry
{
    [JsonPropertyName("key")]
    public string Key { get; init; } = "";

    [JsonPropertyName("flags")]
    public ulong Flags { get; init; }

    [JsonPropertyName("value")]
    public string Value { get; init; } = "";

    [JsonPropertyName("namespace")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Namespace { get; init; }

    [JsonPropertyName("partition")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Partition { get; init; }
}
