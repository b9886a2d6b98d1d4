namespace Trellis.Core.Catalog;

/// <summary>
/// The proxy part of a <c>connect-proxy</c> service (Consul's <c>ConnectProxyConfig</c>, the subset the catalog
/// needs to find the proxies of a service): which service it fronts and where that service listens locally.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record ConnectProxyConfig
{
    public string DestinationServiceName { get; init; } = "";

    public string? DestinationServiceID { get; init; }

    public string? LocalServiceAddress { get; init; }

    public int LocalServicePort { get; init; }

    /// <summary>"", "transparent" or "direct".</summary>
    public string? Mode { get; init; }
}
