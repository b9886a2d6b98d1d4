namespace Trellis.Core.Catalog;

/// <summary>A service's <c>Connect</c> block (Consul's <c>ServiceConnect</c>): whether it speaks mTLS natively.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record ServiceConnect
{
    public bool Native { get; init; }
}
