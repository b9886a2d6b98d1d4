using System.Globalization;
using System.Text;

namespace Trellis.Agent.Metrics;

/// <summary>
/// Renders a <see cref="MetricsSnapshot"/> in the Prometheus text exposition format 0.0.4
/// (<c>/v1/agent/metrics?format=prometheus</c>): gauges as gauge, counters as counter, samples as summary.
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class PrometheusFormatter
{
    /// <summary>The Content-Type of the exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Format(MetricsSnapshot snapshot)
    {
        var text = new StringBuilder();
        foreach (var group in snapshot.Gauges.GroupBy(g => SanitizeName(g.Name)))
        {
            text.Append("# HELP ").Append(group.Key).Append(' ').Append(group.Key).Append('\n');
            text.Append("# TYPE ").Append(group.Key).Append(" gauge\n");
            foreach (var gauge in group)
            {
                Line(text, group.Key, gauge.Labels, gauge.Value);
            }
        }

        foreach (var group in snapshot.Counters.GroupBy(c => SanitizeName(c.Name)))
        {
            text.Append("# HELP ").Append(group.Key).Append(' ').Append(group.Key).Append('\n');
            text.Append("# TYPE ").Append(group.Key).Append(" counter\n");
            foreach (var counter in group)
            {
                Line(text, group.Key, counter.Labels, counter.Sum);
            }
        }

        foreach (var group in snapshot.Samples.GroupBy(s => SanitizeName(s.Name)))
        {
            text.Append("# HELP ").Append(group.Key).Append(' ').Append(group.Key).Append('\n');
            text.Append("# TYPE ").Append(group.Key).Append(" summary\n");
            foreach (var sample in group)
            {
                Line(text, group.Key + "_sum", sample.Labels, sample.Sum);
                Line(text, group.Key + "_count", sample.Labels, sample.Count);
            }
        }

        return text.ToString();
    }

    /// <summary>Maps a dotted Consul metric name to a valid Prometheus name ("consul.kvs.apply" → "consul_kvs_apply").</summary>
    public static string SanitizeName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var valid = char.IsAsciiLetter(c) || c == '_' || c == ':' || (i > 0 && char.IsAsciiDigit(c));
            if (!valid)
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private static void Line(StringBuilder text, string name, IReadOnlyDictionary<string, string> labels, double value)
    {
        text.Append(name);
        if (labels.Count > 0)
        {
            text.Append('{');
            var first = true;
            foreach (var (key, labelValue) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                if (!first)
                {
                    text.Append(',');
                }

                first = false;
                text.Append(SanitizeName(key)).Append("=\"").Append(EscapeLabel(labelValue)).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
