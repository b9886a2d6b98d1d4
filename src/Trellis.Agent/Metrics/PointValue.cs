namespace Trellis.Agent.Metrics;

/// <summary>One key/value point series of <c>/v1/agent/metrics</c> (Consul's JSON shape; unused so far).</summary>
public sealed record PointValue(string Name, IReadOnlyList<double> Points);
