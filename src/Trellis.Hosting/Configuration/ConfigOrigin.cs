namespace Trellis.Hosting.Configuration;

/// <summary>
/// Holds the <see cref="ConfigLoadOptions"/> an <see cref="AgentConfig"/> was loaded from, equal to any other origin so
/// that the record's equality compares settings only.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
internal sealed class ConfigOrigin(ConfigLoadOptions options) : IEquatable<ConfigOrigin>
{
    public ConfigLoadOptions Options { get; } = options;

    public bool Equals(ConfigOrigin? other) => other is not null;

    public override bool Equals(object? obj) => obj is ConfigOrigin;

    public override int GetHashCode() => 0;
}
