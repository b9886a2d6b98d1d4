namespace Trellis.State.Tables;

/// <summary>A key on which lock acquisition is refused until <see cref="UntilUnixMilliseconds"/>.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record LockDelay(string Key, long UntilUnixMilliseconds);
