using System.Globalization;
using System.Text.Json;
using Trellis.Cli.Commands.Common;
using Trellis.Core.Snapshots;
using Trellis.State.Persistence;

namespace Trellis.Cli.Commands.Snapshot;

/// <summary>
/// What <c>snapshot inspect</c> prints, in Consul's shapes: the metadata, a Type/Count/Size table of the records
/// (largest first, then by name), and with <c>-kvdetails</c> the same table over KV keys cut at <c>-kvdepth</c>
/// segments (only keys under <c>-kvfilter</c>). Sizes are the records' bytes in Trellis' serialized store.
/// </summary>
/// <remarks>Immutable once built.</remarks>
public sealed class SnapshotInspectReport
{
    private static readonly IReadOnlyList<string> Rule = [" ----", "----", "----"];

    private SnapshotInspectReport(SnapshotMeta meta, IReadOnlyList<Row> stats, IReadOnlyList<Row>? statsKv, long totalSize, long totalSizeKv)
    {
        Meta = meta;
        Stats = stats;
        StatsKv = statsKv;
        TotalSize = totalSize;
        TotalSizeKv = totalSizeKv;
    }

    /// <summary>One line of a table: a record type or a key prefix, the bytes and the number of records.</summary>
    public sealed record Row(string Name, long Sum, long Count);

    public SnapshotMeta Meta { get; }

    public IReadOnlyList<Row> Stats { get; }

    /// <summary>Null without <c>-kvdetails</c> or when no key matched (Consul then leaves the table out).</summary>
    public IReadOnlyList<Row>? StatsKv { get; }

    public long TotalSize { get; }

    public long TotalSizeKv { get; }

    /// <summary>Builds the report of <paramref name="records"/>; <paramref name="kvDepth"/> is null without -kvdetails.</summary>
    public static SnapshotInspectReport Build(SnapshotMeta meta, IReadOnlyList<StateRecord> records, int? kvDepth, string kvFilter)
    {
        var stats = Sorted(records.GroupBy(r => r.Type, StringComparer.Ordinal)
            .Select(g => new Row(g.Key, g.Sum(r => (long)r.Size), g.LongCount())));
        IReadOnlyList<Row>? statsKv = null;
        long totalKv = 0;
        if (kvDepth is { } depth)
        {
            var keys = records.Where(r => r.Key is not null && r.Key.StartsWith(kvFilter, StringComparison.Ordinal)).ToList();
            totalKv = keys.Sum(r => (long)r.Size);
            var rows = Sorted(keys.GroupBy(r => Prefix(r.Key!, depth), StringComparer.Ordinal)
                .Select(g => new Row(g.Key, g.Sum(r => (long)r.Size), g.LongCount())));
            statsKv = rows.Count > 0 ? rows : null;
        }

        return new SnapshotInspectReport(meta, stats, statsKv, records.Sum(r => (long)r.Size), totalKv);
    }

    /// <summary>Consul's pretty output: Go's tabwriter (min width 8, padding 6), blocks separated by a blank line.</summary>
    public string FormatPretty()
    {
        var meta = TextTables.TabAlign(
        [
            [" ID", Meta.ID],
            [" Size", Num(Meta.Size)],
            [" Index", Num((long)Meta.Index)],
            [" Term", Num((long)Meta.Term)],
            [" Version", Num(Meta.Version)],
        ], 8, 6);
        var text = meta + "\n" + Table(" Type", Stats, TotalSize);
        if (StatsKv is not null)
        {
            text += "\n\n" + Table(" Key Name", StatsKv, TotalSizeKv);
        }

        return text;
    }

    /// <summary>Consul's <c>-format=json</c> output (Go's MarshalIndent with three spaces).</summary>
    public string FormatJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 3 }))
        {
            w.WriteStartObject();
            w.WriteStartObject(nameof(Meta));
            w.WriteString("ID", Meta.ID);
            w.WriteNumber("Size", Meta.Size);
            w.WriteNumber("Index", Meta.Index);
            w.WriteNumber("Term", Meta.Term);
            w.WriteNumber("Version", Meta.Version);
            w.WriteEndObject();
            WriteRows(w, "Stats", Stats);
            WriteRows(w, "StatsKV", StatsKv);
            w.WriteNumber(nameof(TotalSize), TotalSize);
            w.WriteNumber("TotalSizeKV", TotalSizeKv);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Go's ByteSize of Consul's command: 1024-based units, one decimal unless it is ".0", "0" for nothing.</summary>
    public static string ByteSize(long bytes)
    {
        if (bytes <= 0)
        {
            return "0";
        }

        (double value, string unit) = bytes switch
        {
            >= 1L << 40 => (bytes / (double)(1L << 40), "TB"),
            >= 1L << 30 => (bytes / (double)(1L << 30), "GB"),
            >= 1L << 20 => (bytes / (double)(1L << 20), "MB"),
            >= 1L << 10 => (bytes / (double)(1L << 10), "KB"),
            _ => (bytes, "B"),
        };
        var text = value.ToString("F1", CultureInfo.InvariantCulture);
        return (text.EndsWith(".0", StringComparison.Ordinal) ? text[..^2] : text) + unit;
    }

    private static string Table(string title, IReadOnlyList<Row> rows, long total)
    {
        var lines = new List<IReadOnlyList<string>> { new[] { title, "Count", "Size" }, Rule };
        lines.AddRange(rows.Select(r => (IReadOnlyList<string>)[" " + r.Name, Num(r.Count), ByteSize(r.Sum)]));
        lines.Add(Rule);
        lines.Add([" Total", "", ByteSize(total)]);
        return TextTables.TabAlign(lines, 8, 6).TrimEnd('\n');
    }

    private static void WriteRows(Utf8JsonWriter w, string name, IReadOnlyList<Row>? rows)
    {
        if (rows is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WriteString("Name", row.Name);
            w.WriteNumber("Sum", row.Sum);
            w.WriteNumber("Count", row.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    // Consul compat: a key with fewer segments than the depth is its own prefix.
    private static string Prefix(string key, int depth) => string.Join('/', key.Split('/').Take(Math.Max(depth, 0)));

    private static List<Row> Sorted(IEnumerable<Row> rows) =>
        rows.OrderByDescending(r => r.Sum).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
