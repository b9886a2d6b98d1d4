namespace Trellis.Core.Catalog;

/// <summary>
/// One service instance on one node (Consul's <c>structs.NodeService</c>): what the catalog stores, what
/// <c>/v1/agent/services</c> and the <c>Service</c> of <c>/v1/health/service</c> return.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record NodeService
{
    /// <summary>"" for a typical service; "connect-proxy", "mesh-gateway"… for mesh kinds.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Unique per node; defaults to <see cref="Service"/> on registration.</summary>
    public required string ID { get; init; }

    public required string Service { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string Address { get; init; } = "";

    public IReadOnlyDictionary<string, ServiceAddress>? TaggedAddresses { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    public int Port { get; init; }

    public ServiceWeights Weights { get; init; } = ServiceWeights.Default;

    public bool EnableTagOverride { get; init; }

    /// <summary>For a <c>connect-proxy</c>: the service it fronts.</summary>
    public ConnectProxyConfig? Proxy { get; init; }

    /// <summary>Connect settings; <c>Native</c> services are found by <c>/v1/catalog/connect/:service</c>.</summary>
    public ServiceConnect? Connect { get; init; }

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
