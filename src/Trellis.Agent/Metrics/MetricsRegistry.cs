using System.Diagnostics.Metrics;
using System.Globalization;

namespace Trellis.Agent.Metrics;

/// <summary>
/// The agent's one metrics registry: owns the <see cref="Meter"/> named <see cref="MeterName"/> and a
/// <see cref="MeterListener"/> that aggregates every instrument of that meter — counters and up/down counters
/// as sums, histograms as samples (count/sum/min/max/mean/stddev), gauges (observable or recorded) as last values.
/// Aggregates are cumulative since the registry was created.
/// </summary>
/// <remarks>
/// Measurements may be recorded from any thread; <see cref="Snapshot"/> may be called from any thread.
/// One private lock guards the aggregates (held only to update or copy them).
/// </remarks>
public sealed class MetricsRegistry : IDisposable
{
    /// <summary>The name of the meter every Trellis instrument belongs to.</summary>
    public const string MeterName = "Trellis";

    private readonly object _gate = new();
    private readonly Dictionary<SeriesKey, Aggregate> _counters = [];
    private readonly Dictionary<SeriesKey, Aggregate> _samples = [];
    private readonly Dictionary<SeriesKey, double> _gauges = [];
    private readonly MeterListener _listener;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private int _runtimeGauges;

    public MetricsRegistry(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _started = _time.GetUtcNow();
        Meter = new Meter(MeterName, AgentVersion.TrellisVersion);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>The meter to create instruments on (names in Consul's style, e.g. "consul.kvs.apply").</summary>
    public Meter Meter { get; }

    /// <summary>Collects observable instruments and copies every aggregate.</summary>
    public MetricsSnapshot Snapshot()
    {
        _listener.RecordObservableInstruments();
        var now = _time.GetUtcNow();
        var elapsed = Math.Max((now - _started).TotalSeconds, 1e-3);
        lock (_gate)
        {
            return new MetricsSnapshot
            {
                Timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC",
                Gauges = _gauges.OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Labels, StringComparer.Ordinal)
                    .Select(g => new GaugeValue(g.Key.Name, g.Value, g.Key.LabelMap)).ToList(),
                Counters = Sampled(_counters, elapsed),
                Samples = Sampled(_samples, elapsed),
            };
        }
    }

    /// <summary>
    /// Adds Consul's <c>consul.runtime.*</c> gauges (once; later calls do nothing). The agent calls it; a bare registry
    /// has only the instruments its users create.
    /// </summary>
    public void AddRuntimeGauges()
    {
        if (Interlocked.Exchange(ref _runtimeGauges, 1) == 0)
        {
            CreateRuntimeGauges(Meter);
        }
    }

    /// <summary>
    /// Consul's <c>consul.runtime.*</c> gauges, measured from the .NET runtime: <c>alloc_bytes</c> (managed heap bytes
    /// in use), <c>sys_bytes</c> (memory committed by the GC), <c>total_gc_runs</c> (gen-0 collections, which count every
    /// collection), <c>total_gc_pause_ns</c> (time the runtime was paused for GC) and <c>num_goroutines</c> (thread-pool
    /// threads: the closest .NET counterpart).
    /// </summary>
    private static void CreateRuntimeGauges(Meter meter)
    {
        meter.CreateObservableGauge("consul.runtime.alloc_bytes", () => GC.GetTotalMemory(false), "bytes");
        meter.CreateObservableGauge("consul.runtime.sys_bytes", () => GC.GetGCMemoryInfo().TotalCommittedBytes, "bytes");
        meter.CreateObservableGauge("consul.runtime.total_gc_runs", () => (long)GC.CollectionCount(0));
        meter.CreateObservableGauge("consul.runtime.total_gc_pause_ns", () => GC.GetTotalPauseDuration().Ticks * 100, "ns");
        meter.CreateObservableGauge("consul.runtime.num_goroutines", () => (long)ThreadPool.ThreadCount);
    }

    public void Dispose()
    {
        _listener.Dispose();
        Meter.Dispose();
    }

    private static List<SampledValue> Sampled(Dictionary<SeriesKey, Aggregate> source, double elapsedSeconds) =>
        source.OrderBy(s => s.Key.Name, StringComparer.Ordinal).ThenBy(s => s.Key.Labels, StringComparer.Ordinal)
            .Select(s => s.Value.ToSampled(s.Key, elapsedSeconds)).ToList();

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var key = SeriesKey.Create(instrument.Name, tags);
        lock (_gate)
        {
            switch (instrument)
            {
                case Counter<T>:
                    Add(_counters, key, number);
                    break;
                case Histogram<T>:
                    Add(_samples, key, number);
                    break;
                case UpDownCounter<T>:
                    _gauges[key] = _gauges.GetValueOrDefault(key) + number;
                    break;
                default:
                    // Gauge<T>, ObservableGauge<T>, ObservableCounter<T>, ObservableUpDownCounter<T>: the last value.
                    _gauges[key] = number;
                    break;
            }
        }
    }

    private static void Add(Dictionary<SeriesKey, Aggregate> target, SeriesKey key, double value)
    {
        if (!target.TryGetValue(key, out var aggregate))
        {
            aggregate = new Aggregate();
            target[key] = aggregate;
        }

        aggregate.Add(value);
    }

    private sealed class Aggregate
    {
        private long _count;
        private double _sum;
        private double _sumOfSquares;
        private double _min = double.MaxValue;
        private double _max = double.MinValue;

        public void Add(double value)
        {
            _count++;
            _sum += value;
            _sumOfSquares += value * value;
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }

        public SampledValue ToSampled(SeriesKey key, double elapsedSeconds)
        {
            var mean = _count == 0 ? 0 : _sum / _count;
            var variance = _count > 1 ? Math.Max(0, (_sumOfSquares - (_count * mean * mean)) / (_count - 1)) : 0;
            return new SampledValue
            {
                Name = key.Name,
                Count = _count,
                Rate = _sum / elapsedSeconds,
                Sum = _sum,
                Min = _count == 0 ? 0 : _min,
                Max = _count == 0 ? 0 : _max,
                Mean = mean,
                Stddev = Math.Sqrt(variance),
                Labels = key.LabelMap,
            };
        }
    }

    private sealed record SeriesKey(string Name, string Labels)
    {
        public IReadOnlyDictionary<string, string> LabelMap { get; private init; } = new Dictionary<string, string>();

        public static SeriesKey Create(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty)
            {
                return new SeriesKey(name, "");
            }

            var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                map[tag.Key] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            }

            var flat = string.Join('\u001f', map.Select(p => p.Key + "=" + p.Value));
            return new SeriesKey(name, flat) { LabelMap = new Dictionary<string, string>(map, StringComparer.Ordinal) };
        }

        public bool Equals(SeriesKey? other) => other is not null && Name == other.Name && Labels == other.Labels;

        public override int GetHashCode() => HashCode.Combine(Name, Labels);
    }
}
