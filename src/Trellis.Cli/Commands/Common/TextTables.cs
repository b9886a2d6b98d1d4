using System.Text;

namespace Trellis.Cli.Commands.Common;

/// <summary>
/// Column layouts Consul's CLI prints: <see cref="Columnize"/> (two spaces between columns, last column unpadded,
/// as the columnize package) and <see cref="TabAlign"/> (Go's tabwriter with a minimum width and padding).
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class TextTables
{
    /// <summary>Aligns rows into columns joined by two spaces; no trailing newline.</summary>
    public static string Columnize(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = new List<int>();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                var length = row[i].Trim().Length;
                if (widths.Count <= i)
                {
                    widths.Add(length);
                }
                else if (widths[i] < length)
                {
                    widths[i] = length;
                }
            }
        }

        var builder = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var i = 0; i < row.Count; i++)
            {
                var cell = row[i].Trim();
                builder.Append(cell);
                if (i < row.Count - 1)
                {
                    builder.Append(' ', widths[i] - cell.Length).Append("  ");
                }
            }

            if (r < rows.Count - 1)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Go tabwriter layout for lines whose cells before the last are tab-terminated: each such column is as wide
    /// as its longest cell plus <paramref name="padding"/>, at least <paramref name="minWidth"/>. Lines end with '\n'.
    /// </summary>
    public static string TabAlign(IReadOnlyList<IReadOnlyList<string>> rows, int minWidth, int padding)
    {
        var widths = new List<int>();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count - 1; i++)
            {
                var width = Math.Max(minWidth, row[i].Length + padding);
                if (widths.Count <= i)
                {
                    widths.Add(width);
                }
                else if (widths[i] < width)
                {
                    widths[i] = width;
                }
            }
        }

        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                builder.Append(row[i]);
                if (i < row.Count - 1)
                {
                    builder.Append(' ', widths[i] - row[i].Length);
                }
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }
}
