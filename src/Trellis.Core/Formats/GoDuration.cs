using System.Globalization;

namespace Trellis.Core.Formats;

/// <summary>Go's duration syntax ("300ms", "1.5h", "2h45m", "10s") used by Consul flags and config.</summary>
public static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses a Go duration; throws <see cref="FormatException"/> when it is not one.</summary>
    public static TimeSpan Parse(string text)
    {
        if (!TryParse(text, out var value))
        {
            throw new FormatException($"time: invalid duration \"{text}\"");
        }

        return value;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.SequenceEqual("0"))
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        double ticks = 0;
        while (!s.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(s[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            s = s[numberLength..];
            var unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            var unit = s[..unitLength];
            var found = false;
            foreach (var (name, unitTicks) in Units)
            {
                if (unit.SequenceEqual(name))
                {
                    ticks += number * unitTicks;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }

            s = s[unitLength..];
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(negative ? -ticks : ticks));
        return true;
    }

    /// <summary>Formats as Go prints durations ("1m30s", "500ms", "0s").</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var sign = value < TimeSpan.Zero ? "-" : "";
        value = value.Duration();
        if (value < TimeSpan.FromSeconds(1))
        {
            return value.Ticks % TimeSpan.TicksPerMillisecond == 0
                ? $"{sign}{value.Ticks / TimeSpan.TicksPerMillisecond}ms"
                : $"{sign}{(value.Ticks / 10.0).ToString(CultureInfo.InvariantCulture)}µs";
        }

        var result = sign;
        if (value.TotalHours >= 1)
        {
            result += $"{(long)value.TotalHours}h";
        }

        if (value.TotalMinutes >= 1)
        {
            result += $"{value.Minutes}m";
        }

        var seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        return result + seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }
}
