using System.Globalization;
using System.Text;

namespace Trellis.Core.Formats;

/// <summary>
/// Go's <c>strconv.Quote</c> — what <c>%q</c> prints — so error texts and CLI output match Consul's byte for byte:
/// double quotes, the short escapes (<c>\n</c>, <c>\t</c>…), <c>\x</c> for other ASCII controls, <c>\u</c>/<c>\U</c> for
/// other characters Go does not print (controls, format characters, unassigned code points), everything else as is.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class GoQuote
{
    /// <summary>The quoted form of <paramref name="value"/> (null quotes as <c>""</c>, as Go's empty string).</summary>
    public static string Quote(string? value)
    {
        var builder = new StringBuilder((value?.Length ?? 0) + 2).Append('"');
        foreach (var rune in (value ?? "").EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    }
                    else if (!IsPrintable(rune))
                    {
                        builder.Append(rune.Value > 0xFFFF
                            ? string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}")
                            : string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}"));
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Go's <c>strconv.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrintable(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator)
            && (category != UnicodeCategory.SpaceSeparator || rune.Value == ' ');
    }
}
