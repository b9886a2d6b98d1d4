using System.Globalization;
using System.Text;
using Trellis.Core.Formats;

namespace Trellis.Server.Text;

/// <summary>Renders values the way Go's fmt does, so error texts read exactly as Consul's.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class GoText
{
    /// <summary>Go's <c>%d</c> of a <c>time.Duration</c>: whole nanoseconds.</summary>
    public static string Nanoseconds(TimeSpan value) => (value.Ticks * 100).ToString(CultureInfo.InvariantCulture);

    /// <summary>The error <c>time.ParseDuration</c> gives for <paramref name="text"/>, or null when it parses.</summary>
    public static string? DurationError(string text)
    {
        if (GoDuration.TryParse(text, out _))
        {
            return null;
        }

        var quoted = GoQuote.Quote(text);
        var s = text.AsSpan();
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            s = s[1..];
        }

        while (!s.IsEmpty)
        {
            var digits = 0;
            while (digits < s.Length && (char.IsAsciiDigit(s[digits]) || s[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0)
            {
                break;
            }

            s = s[digits..];
            var unit = 0;
            while (unit < s.Length && !char.IsAsciiDigit(s[unit]) && s[unit] != '.')
            {
                unit++;
            }

            if (unit == 0)
            {
                return $"time: missing unit in duration {quoted}";
            }

            var name = s[..unit].ToString();
            if (name is not ("ns" or "us" or "µs" or "μs" or "ms" or "s" or "m" or "h"))
            {
                return $"time: unknown unit {GoQuote.Quote(name)} in duration {quoted}";
            }

            s = s[unit..];
        }

        return $"time: invalid duration {quoted}";
    }
}
