using System.Text.Json.Serialization;

namespace Trellis.Core.Sessions;

/// <summary>
/// A session as stored and returned by <c>/v1/session</c>. Field names and units are Consul's:
/// <see cref="LockDelay"/> is in nanoseconds on the wire, <see cref="TTL"/> is a duration string ("15s") or empty.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record Session
{
    public required string ID { get; init; }

    public string Name { get; init; } = "";

    public required string Node { get; init; }

    /// <summary>Lock delay in nanoseconds (Consul's wire unit).</summary>
    public long LockDelay { get; init; }

    public SessionBehavior Behavior { get; init; } = SessionBehavior.Release;

    /// <summary>Duration string such as "30s"; empty when the session has no TTL.</summary>
    public string TTL { get; init; } = "";

    public IReadOnlyList<string>? NodeChecks { get; init; }

    /// <summary>Check IDs; written as Consul's <c>[{"ID", "Namespace"}]</c> objects (see <see cref="ServiceCheckListJsonConverter"/>).</summary>
    [JsonConverter(typeof(ServiceCheckListJsonConverter))]
    public IReadOnlyList<string>? ServiceChecks { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
