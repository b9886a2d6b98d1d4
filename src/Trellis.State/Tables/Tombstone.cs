namespace Trellis.State.Tables;

/// <summary>A deleted key and the Raft index of its deletion; keeps prefix indexes from going backwards.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record Tombstone(string Key, ulong Index);
