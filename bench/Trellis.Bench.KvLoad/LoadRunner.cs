using System.Diagnostics;

namespace Trellis.Bench.KvLoad;

/// <summary>
/// Drives one target with a fixed number of concurrent workers for a fixed time (the run is bounded by
/// <see cref="LoadSettings.Duration"/>) and records every request's latency.
/// </summary>
/// <remarks>One run at a time per instance.</remarks>
public sealed class LoadRunner(LoadSettings settings)
{
    public async Task<LoadResult> RunAsync(IKvTarget target, string phase, Func<IKvTarget, int, long, CancellationToken, Task> operation)
    {
        using var stop = new CancellationTokenSource(settings.Duration);
        var latencies = new List<double>[settings.Clients];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, settings.Clients).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(target, worker, i, CancellationToken.None);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(target.Name, phase, all.Length, errors, clock.Elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
