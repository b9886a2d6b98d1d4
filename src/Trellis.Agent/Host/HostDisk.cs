using System.Text.Json.Serialization;

namespace Trellis.Agent.Host;

/// <summary>Usage of the file system holding the agent's data directory (or /), with gopsutil's field names.</summary>
public sealed record HostDisk
{
    [JsonPropertyName("path")] public string Path { get; init; } = "";
    [JsonPropertyName("fstype")] public string FsType { get; init; } = "";
    [JsonPropertyName("total")] public ulong Total { get; init; }
    [JsonPropertyName("free")] public ulong Free { get; init; }
    [JsonPropertyName("used")] public ulong Used { get; init; }
    [JsonPropertyName("usedPercent")] public double UsedPercent { get; init; }
    [JsonPropertyName("inodesTotal")] public ulong InodesTotal { get; init; }
    [JsonPropertyName("inodesUsed")] public ulong InodesUsed { get; init; }
    [JsonPropertyName("inodesFree")] public ulong InodesFree { get; init; }
    [JsonPropertyName("inodesUsedPercent")] public double InodesUsedPercent { get; init; }
}
