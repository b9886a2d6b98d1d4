using System.Globalization;

namespace Trellis.Bench.CatalogScale;

/// <summary>Nearest-rank percentiles over a set of delays in milliseconds.</summary>
public static class Latency
{
    public static double Percentile(IReadOnlyList<double> sortedMs, double p)
    {
        if (sortedMs.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sortedMs.Count);
        return sortedMs[Math.Clamp(rank - 1, 0, sortedMs.Count - 1)];
    }

    public static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("0.0", CultureInfo.InvariantCulture);
}
