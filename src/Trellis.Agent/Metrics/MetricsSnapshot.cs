namespace Trellis.Agent.Metrics;

/// <summary>The body of <c>/v1/agent/metrics</c>: Consul's Timestamp/Gauges/Points/Counters/Samples.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record MetricsSnapshot
{
    /// <summary>Go's default time format, as Consul prints it ("2006-01-02 15:04:05 +0000 UTC").</summary>
    public required string Timestamp { get; init; }

    public IReadOnlyList<GaugeValue> Gauges { get; init; } = [];

    public IReadOnlyList<PointValue> Points { get; init; } = [];

    public IReadOnlyList<SampledValue> Counters { get; init; } = [];

    public IReadOnlyList<SampledValue> Samples { get; init; } = [];
}
