using System.Text.Json.Serialization;

namespace Trellis.Core.Kv;

/// <summary>
/// One key/value pair as stored, replicated and returned by <c>/v1/kv</c>.
/// Property names are Consul's JSON field names; <see cref="Value"/> serializes as Base64.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record KvEntry
{
    public ulong LockIndex { get; init; }

    public required string Key { get; init; }

    public ulong Flags { get; init; }

    public byte[]? Value { get; init; }

    /// <summary>The session holding the lock on this key, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Session { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
