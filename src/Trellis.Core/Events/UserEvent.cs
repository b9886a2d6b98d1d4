namespace Trellis.Core.Events;

/// <summary>A user event as <c>/v1/event/fire</c> and <c>/v1/event/list</c> return it (Consul's <c>UserEvent</c>).</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record UserEvent
{
    public string ID { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Base64 on the wire.</summary>
    public byte[]? Payload { get; init; }

    public string NodeFilter { get; init; } = "";

    public string ServiceFilter { get; init; } = "";

    public string TagFilter { get; init; } = "";

    public int Version { get; init; }

    public ulong LTime { get; init; }

    /// <summary>
    /// The index Consul derives from an event ID for blocking on events: the first 64 bits of the UUID XOR the last
    /// 64 bits (0 for an ID that is not a UUID).
    /// </summary>
    public static ulong IdToIndex(string id)
    {
        if (id.Length != 36)
        {
            return 0;
        }

        var lower = string.Concat(id.AsSpan(0, 8), id.AsSpan(9, 4), id.AsSpan(14, 4));
        var upper = string.Concat(id.AsSpan(19, 4), id.AsSpan(24, 12));
        return ulong.TryParse(lower, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var low) &&
               ulong.TryParse(upper, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var high)
            ? low ^ high
            : 0;
    }
}
