namespace Trellis.Cli.Commands.Watch;

/// <summary>One answer of a watch's query: the index to block on next and the result as compact JSON.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record WatchResult(ulong Index, string Json);
