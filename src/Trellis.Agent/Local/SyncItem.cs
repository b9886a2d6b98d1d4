namespace Trellis.Agent.Local;

/// <summary>One local entry as anti-entropy sees it; <see cref="Version"/> tells whether it changed since.</summary>
internal sealed record SyncItem<T>(string Id, T Value, string Token, bool InSync, bool Deleted, long Version, bool Deferred);
