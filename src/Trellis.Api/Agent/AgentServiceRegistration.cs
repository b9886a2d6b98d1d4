using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.Api.Agent;

/// <summary>
/// The body of <c>PUT /v1/agent/service/register</c> (Consul's <c>api.AgentServiceRegistration</c>): a service for
/// the local agent to own, with its checks. <see cref="ID"/> defaults to <see cref="Name"/> on the agent.
/// Null members are left out of the JSON so the agent applies its defaults.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record AgentServiceRegistration
{
    /// <summary>"" (or null) for a typical service; "connect-proxy", "mesh-gateway"… for mesh kinds.</summary>
    public string? Kind { get; init; }

    public string? ID { get; init; }

    public string Name { get; init; } = "";

    public IReadOnlyList<string>? Tags { get; init; }

    public int Port { get; init; }

    public string? Address { get; init; }

    public string? SocketPath { get; init; }

    public IReadOnlyDictionary<string, ServiceAddress>? TaggedAddresses { get; init; }

    public bool EnableTagOverride { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    public ServiceWeights? Weights { get; init; }

    /// <summary>One check of the service (Consul accepts <c>Check</c> and <c>Checks</c> together).</summary>
    public CheckDefinition? Check { get; init; }

    public IReadOnlyList<CheckDefinition>? Checks { get; init; }

    public ConnectProxyConfig? Proxy { get; init; }

    public ServiceConnect? Connect { get; init; }
}
