using Trellis.Core.Checks;
using Trellis.Core.Formats;

namespace Trellis.Agent.Checks;

/// <summary>The durations of a <see cref="CheckDefinition"/>, parsed from Go duration strings (absent means zero).</summary>
internal readonly record struct CheckTiming(TimeSpan Interval, TimeSpan Timeout, TimeSpan Ttl)
{
    /// <summary>Parses; returns Go's <c>time: invalid duration "…"</c> text as <paramref name="error"/> on failure.</summary>
    public static bool TryParse(CheckDefinition definition, out CheckTiming timing, out string? error)
    {
        timing = default;
        error = null;
        if (!TryParseOne(definition.Interval, out var interval, ref error)
            || !TryParseOne(definition.Timeout, out var timeout, ref error)
            || !TryParseOne(definition.TTL, out var ttl, ref error)
            || !TryParseOne(definition.DeregisterCriticalServiceAfter, out _, ref error))
        {
            return false;
        }

        timing = new CheckTiming(interval, timeout, ttl);
        return true;
    }

    private static bool TryParseOne(string? text, out TimeSpan value, ref string? error)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (GoDuration.TryParse(text, out value))
        {
            return true;
        }

        error = $"time: invalid duration \"{text}\"";
        return false;
    }
}
