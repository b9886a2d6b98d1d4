using Trellis.Agent.Metrics;

namespace Trellis.Agent.Tests.Metrics;

public sealed class MetricsRegistryTests
{
    [Fact]
    public void Snapshot_Counter_SumsPerLabelSet()
    {
        using var registry = new MetricsRegistry();
        var counter = registry.Meter.CreateCounter<long>("consul.kvs.apply");

        counter.Add(2, new KeyValuePair<string, object?>("op", "set"));
        counter.Add(3, new KeyValuePair<string, object?>("op", "set"));
        counter.Add(7, new KeyValuePair<string, object?>("op", "delete"));

        var counters = registry.Snapshot().Counters;
        var set = counters.Single(c => c.Labels["op"] == "set");
        Assert.Equal(2, set.Count);
        Assert.Equal(5, set.Sum);
        Assert.Equal(2, set.Min);
        Assert.Equal(3, set.Max);
        Assert.Equal(7, counters.Single(c => c.Labels["op"] == "delete").Sum);
    }

    [Fact]
    public void Snapshot_Histogram_ComputesMeanAndStddev()
    {
        using var registry = new MetricsRegistry();
        var histogram = registry.Meter.CreateHistogram<double>("consul.raft.apply");

        foreach (var value in new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 })
        {
            histogram.Record(value);
        }

        var sample = Assert.Single(registry.Snapshot().Samples);
        Assert.Equal("consul.raft.apply", sample.Name);
        Assert.Equal(8, sample.Count);
        Assert.Equal(5, sample.Mean, 6);
        Assert.Equal(Math.Sqrt(32.0 / 7), sample.Stddev, 6);
        Assert.Empty(sample.Labels);
    }

    [Fact]
    public void Snapshot_ObservableGauge_ReadsCurrentValue()
    {
        using var registry = new MetricsRegistry();
        var value = 3;
        registry.Meter.CreateObservableGauge("consul.session_ttl.active", () => value);

        var first = Assert.Single(registry.Snapshot().Gauges).Value;
        value = 11;
        var second = Assert.Single(registry.Snapshot().Gauges).Value;

        Assert.Equal(3, first);
        Assert.Equal(11, second);
    }

    [Fact]
    public void Snapshot_UpDownCounter_IsGaugeOfRunningTotal()
    {
        using var registry = new MetricsRegistry();
        var counter = registry.Meter.CreateUpDownCounter<int>("consul.http.inflight");

        counter.Add(5);
        counter.Add(-2);

        Assert.Equal(3, Assert.Single(registry.Snapshot().Gauges).Value);
    }

    [Fact]
    public void Snapshot_OtherMeter_IsIgnored()
    {
        using var registry = new MetricsRegistry();
        using var other = new System.Diagnostics.Metrics.Meter("Trellis");
        other.CreateCounter<long>("consul.other").Add(1);

        Assert.Empty(registry.Snapshot().Counters);
    }

    [Fact]
    public void Snapshot_Timestamp_UsesGoFormat()
    {
        using var registry = new MetricsRegistry();

        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000 UTC$", registry.Snapshot().Timestamp);
    }

    [Fact]
    public void Snapshot_RuntimeGauges_ReportHeapAndCountCollections()
    {
        using var registry = new MetricsRegistry();
        registry.AddRuntimeGauges();
        registry.AddRuntimeGauges();
        double Gauge(string name) => registry.Snapshot().Gauges.Single(g => g.Name == name).Value;
        var runsBefore = Gauge("consul.runtime.total_gc_runs");

        GC.Collect();

        Assert.True(Gauge("consul.runtime.alloc_bytes") > 0);
        Assert.True(Gauge("consul.runtime.sys_bytes") > 0);
        Assert.True(Gauge("consul.runtime.total_gc_runs") > runsBefore);
        Assert.True(Gauge("consul.runtime.total_gc_pause_ns") >= 0);
        Assert.True(Gauge("consul.runtime.num_goroutines") >= 1);
    }
}
