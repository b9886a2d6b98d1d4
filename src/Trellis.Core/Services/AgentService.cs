using System.Text.Json.Serialization;
using Trellis.Core.Catalog;

namespace Trellis.Core.Services;

/// <summary>
/// A service registered on this agent as <c>/v1/agent/services</c> and <c>/v1/agent/service/:id</c> return it
/// (Consul's <c>api.AgentService</c>): never-null <see cref="Tags"/> and <see cref="Meta"/>, the agent's datacenter,
/// and on the single-service endpoint a <see cref="ContentHash"/>.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record AgentService
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Kind { get; init; }

    public required string ID { get; init; }

    public required string Service { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    public int Port { get; init; }

    public string Address { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, ServiceAddress>? TaggedAddresses { get; init; }

    public ServiceWeights Weights { get; init; } = ServiceWeights.Default;

    public bool EnableTagOverride { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConnectProxyConfig? Proxy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ServiceConnect? Connect { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContentHash { get; init; }

    public string Datacenter { get; init; } = "";

    /// <summary>Consul's view of a local service for the agent endpoints.</summary>
    public static AgentService From(NodeService service, string datacenter) => new()
    {
        Kind = string.IsNullOrEmpty(service.Kind) ? null : service.Kind,
        ID = service.ID,
        Service = service.Service,
        Tags = service.Tags ?? [],
        Meta = service.Meta ?? new Dictionary<string, string>(),
        Port = service.Port,
        Address = service.Address,
        TaggedAddresses = service.TaggedAddresses is { Count: > 0 } ? service.TaggedAddresses : null,
        Weights = service.Weights,
        EnableTagOverride = service.EnableTagOverride,
        Proxy = service.Proxy,
        Connect = service.Connect,
        Datacenter = datacenter,
    };
}
