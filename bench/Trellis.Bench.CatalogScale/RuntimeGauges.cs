using System.Text.Json;

namespace Trellis.Bench.CatalogScale;

/// <summary>The agent's <c>consul.runtime.*</c> gauges from <c>/v1/agent/metrics</c> (empty when not exposed).</summary>
public sealed record RuntimeGauges(double HeapMiB, double GcRuns, double GcPauseMs, double ThreadPoolThreads)
{
    public static async Task<RuntimeGauges> ReadAsync(HttpClient http, Uri baseAddress)
    {
        try
        {
            var body = await http.GetStringAsync(new Uri(baseAddress, "/v1/agent/metrics"));
            var gauges = JsonDocument.Parse(body).RootElement.GetProperty("Gauges").EnumerateArray()
                .ToDictionary(g => g.GetProperty("Name").GetString()!, g => g.GetProperty("Value").GetDouble());
            double Get(string name) => gauges.TryGetValue("consul.runtime." + name, out var v) ? v : double.NaN;
            return new RuntimeGauges(Get("alloc_bytes") / 1048576.0, Get("total_gc_runs"), Get("total_gc_pause_ns") / 1e6, Get("num_goroutines"));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException)
        {
            return new RuntimeGauges(double.NaN, double.NaN, double.NaN, double.NaN);
        }
    }

    public override string ToString() =>
        FormattableString.Invariant($"managed heap {HeapMiB:0} MiB, GCs {GcRuns:0} (pause total {GcPauseMs:0} ms), thread-pool threads {ThreadPoolThreads:0}");
}
