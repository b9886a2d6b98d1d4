using System.Text.Json.Serialization;

namespace Trellis.Agent.Host;

/// <summary>
/// The body of <c>/v1/agent/host</c> (Consul's host report, gopsutil's field names): memory, CPUs, host, the disk of
/// the data directory, when it was collected (Unix nanoseconds) and what could not be collected.
/// </summary>
/// <remarks>Consul marks this API unstable; Trellis fills it from /proc and statvfs on Linux.</remarks>
public sealed record HostInfo
{
    public required HostMemory Memory { get; init; }

    [JsonPropertyName("CPU")]
    public required IReadOnlyList<HostCpu> Cpu { get; init; }

    public required HostSummary Host { get; init; }

    public required HostDisk Disk { get; init; }

    public long CollectionTime { get; init; }

    /// <summary>Null when everything was collected (as Consul writes it).</summary>
    public IReadOnlyList<string>? Errors { get; init; }
}
