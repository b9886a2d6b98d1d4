namespace Trellis.Agent.Metrics;

/// <summary>An aggregated counter or sample (histogram) of <c>/v1/agent/metrics</c>, Consul's field names.</summary>
public sealed record SampledValue
{
    public required string Name { get; init; }

    public long Count { get; init; }

    /// <summary>Sum per second over the aggregation window.</summary>
    public double Rate { get; init; }

    public double Sum { get; init; }

    public double Min { get; init; }

    public double Max { get; init; }

    public double Mean { get; init; }

    public double Stddev { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
