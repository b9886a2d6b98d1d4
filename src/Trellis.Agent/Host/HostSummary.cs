using System.Text.Json.Serialization;

namespace Trellis.Agent.Host;

/// <summary>The machine: name, uptime, boot time, process count, OS and kernel, with gopsutil's field names.</summary>
public sealed record HostSummary
{
    [JsonPropertyName("hostname")] public string Hostname { get; init; } = "";
    [JsonPropertyName("uptime")] public ulong Uptime { get; init; }
    [JsonPropertyName("bootTime")] public ulong BootTime { get; init; }
    [JsonPropertyName("procs")] public ulong Procs { get; init; }
    [JsonPropertyName("os")] public string Os { get; init; } = "";
    [JsonPropertyName("platform")] public string Platform { get; init; } = "";
    [JsonPropertyName("platformFamily")] public string PlatformFamily { get; init; } = "";
    [JsonPropertyName("platformVersion")] public string PlatformVersion { get; init; } = "";
    [JsonPropertyName("kernelVersion")] public string KernelVersion { get; init; } = "";
    [JsonPropertyName("kernelArch")] public string KernelArch { get; init; } = "";
    [JsonPropertyName("virtualizationSystem")] public string VirtualizationSystem { get; init; } = "";
    [JsonPropertyName("virtualizationRole")] public string VirtualizationRole { get; init; } = "";
    [JsonPropertyName("hostId")] public string HostId { get; init; } = "";
}
