using System.Text.Json.Serialization;

namespace Trellis.Agent.Host;

/// <summary>Memory in bytes (huge pages in pages), from /proc/meminfo, with gopsutil's field names.</summary>
public sealed record HostMemory
{
    [JsonPropertyName("total")] public ulong Total { get; init; }
    [JsonPropertyName("available")] public ulong Available { get; init; }
    [JsonPropertyName("used")] public ulong Used { get; init; }
    [JsonPropertyName("usedPercent")] public double UsedPercent { get; init; }
    [JsonPropertyName("free")] public ulong Free { get; init; }
    [JsonPropertyName("active")] public ulong Active { get; init; }
    [JsonPropertyName("inactive")] public ulong Inactive { get; init; }
    [JsonPropertyName("wired")] public ulong Wired { get; init; }
    [JsonPropertyName("laundry")] public ulong Laundry { get; init; }
    [JsonPropertyName("buffers")] public ulong Buffers { get; init; }
    [JsonPropertyName("cached")] public ulong Cached { get; init; }
    [JsonPropertyName("writeBack")] public ulong WriteBack { get; init; }
    [JsonPropertyName("dirty")] public ulong Dirty { get; init; }
    [JsonPropertyName("writeBackTmp")] public ulong WriteBackTmp { get; init; }
    [JsonPropertyName("shared")] public ulong Shared { get; init; }
    [JsonPropertyName("slab")] public ulong Slab { get; init; }
    [JsonPropertyName("sreclaimable")] public ulong SReclaimable { get; init; }
    [JsonPropertyName("sunreclaim")] public ulong SUnreclaim { get; init; }
    [JsonPropertyName("pageTables")] public ulong PageTables { get; init; }
    [JsonPropertyName("swapCached")] public ulong SwapCached { get; init; }
    [JsonPropertyName("commitLimit")] public ulong CommitLimit { get; init; }
    [JsonPropertyName("committedAS")] public ulong CommittedAs { get; init; }
    [JsonPropertyName("highTotal")] public ulong HighTotal { get; init; }
    [JsonPropertyName("highFree")] public ulong HighFree { get; init; }
    [JsonPropertyName("lowTotal")] public ulong LowTotal { get; init; }
    [JsonPropertyName("lowFree")] public ulong LowFree { get; init; }
    [JsonPropertyName("swapTotal")] public ulong SwapTotal { get; init; }
    [JsonPropertyName("swapFree")] public ulong SwapFree { get; init; }
    [JsonPropertyName("mapped")] public ulong Mapped { get; init; }
    [JsonPropertyName("vmallocTotal")] public ulong VmallocTotal { get; init; }
    [JsonPropertyName("vmallocUsed")] public ulong VmallocUsed { get; init; }
    [JsonPropertyName("vmallocChunk")] public ulong VmallocChunk { get; init; }
    [JsonPropertyName("hugePagesTotal")] public ulong HugePagesTotal { get; init; }
    [JsonPropertyName("hugePagesFree")] public ulong HugePagesFree { get; init; }
    [JsonPropertyName("hugePageSize")] public ulong HugePageSize { get; init; }
}
