using System.Globalization;
using System.Text;

namespace Trellis.State.Formats;

/// <summary>Formats a string as Go's <c>%q</c> verb does, so error texts match Consul's byte for byte.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class GoQuote
{
    public static string Quote(string? value)
    {
        var sb = new StringBuilder((value?.Length ?? 0) + 2);
        sb.Append('"');
        foreach (var rune in (value ?? "").EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                    {
                        sb.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
                    {
                        sb.Append(rune.Value <= 0xFFFF ? "\\u" + rune.Value.ToString("x4", CultureInfo.InvariantCulture) : "\\U" + rune.Value.ToString("x8", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(rune.ToString());
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
