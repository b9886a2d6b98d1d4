using System.Text.Json.Serialization;

namespace Trellis.Agent.Host;

/// <summary>One logical CPU from /proc/cpuinfo, with gopsutil's field names.</summary>
public sealed record HostCpu
{
    [JsonPropertyName("cpu")] public int Cpu { get; init; }
    [JsonPropertyName("vendorId")] public string VendorId { get; init; } = "";
    [JsonPropertyName("family")] public string Family { get; init; } = "";
    [JsonPropertyName("model")] public string Model { get; init; } = "";
    [JsonPropertyName("stepping")] public int Stepping { get; init; }
    [JsonPropertyName("physicalId")] public string PhysicalId { get; init; } = "";
    [JsonPropertyName("coreId")] public string CoreId { get; init; } = "";
    [JsonPropertyName("cores")] public int Cores { get; init; }
    [JsonPropertyName("modelName")] public string ModelName { get; init; } = "";
    [JsonPropertyName("mhz")] public double Mhz { get; init; }
    [JsonPropertyName("cacheSize")] public int CacheSize { get; init; }
    [JsonPropertyName("flags")] public IReadOnlyList<string> Flags { get; init; } = [];
    [JsonPropertyName("microcode")] public string Microcode { get; init; } = "";
}
