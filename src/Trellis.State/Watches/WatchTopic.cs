namespace Trellis.State.Watches;

/// <summary>One thing a read depended on.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
internal readonly record struct WatchTopic(WatchTopicKind Kind, string Name);
