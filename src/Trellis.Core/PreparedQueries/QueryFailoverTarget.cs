namespace Trellis.Core.PreparedQueries;

/// <summary>Consul's <c>QueryFailoverTarget</c>: one datacenter or peer to fail over to.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record QueryFailoverTarget
{
    public string Peer { get; init; } = "";

    public string Datacenter { get; init; } = "";
}
