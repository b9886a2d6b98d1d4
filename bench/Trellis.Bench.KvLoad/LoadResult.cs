namespace Trellis.Bench.KvLoad;

/// <summary>What one phase of load against one target achieved.</summary>
public sealed record LoadResult(string Target, string Phase, long Operations, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double OpsPerSecond => Operations / Elapsed.TotalSeconds;
}
