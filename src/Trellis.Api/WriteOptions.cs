namespace Trellis.Api;

/// <summary>Per-call overrides for writes: datacenter and token.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record WriteOptions
{
    public static readonly WriteOptions Default = new();

    public string? Datacenter { get; init; }

    public string? Token { get; init; }
}
