using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.Core.Services;

/// <summary>
/// A service as an agent is asked to run it (Consul's <c>ServiceDefinition</c>): the body of
/// <c>PUT /v1/agent/service/register</c> and a <c>service</c> block of a config file. <see cref="ID"/> defaults to
/// <see cref="Name"/>; <see cref="Check"/> and <see cref="Checks"/> are the service's own checks.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record ServiceDefinition
{
    public string? Kind { get; init; }

    public string? ID { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? Address { get; init; }

    public IReadOnlyDictionary<string, ServiceAddress>? TaggedAddresses { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    public int Port { get; init; }

    /// <summary>Null means Consul's defaults (passing 1, warning 1).</summary>
    public ServiceWeights? Weights { get; init; }

    public bool EnableTagOverride { get; init; }

    public CheckDefinition? Check { get; init; }

    public IReadOnlyList<CheckDefinition>? Checks { get; init; }

    public ConnectProxyConfig? Proxy { get; init; }

    public ServiceConnect? Connect { get; init; }

    /// <summary>The ACL token the service is synced with (kept for compatibility; ACLs are not enforced yet).</summary>
    public string? Token { get; init; }
}
