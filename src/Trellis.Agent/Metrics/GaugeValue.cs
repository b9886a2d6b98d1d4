namespace Trellis.Agent.Metrics;

/// <summary>One gauge of <c>/v1/agent/metrics</c> (Consul's JSON shape).</summary>
public sealed record GaugeValue(string Name, double Value, IReadOnlyDictionary<string, string> Labels);
