using System.Text.Json.Serialization;

namespace Trellis.Core.Catalog;

/// <summary>
/// One service as <c>/v1/internal/ui/services</c> lists it (Consul's ServiceListingSummary): its instances counted, the
/// nodes they run on, the union of their tags and its checks (node checks of those nodes included) counted by status.
/// </summary>
/// <remarks>Immutable; built by <see cref="ServiceSummarizer"/>.</remarks>
public sealed record ServiceSummary
{
    /// <summary>Empty for a typical service; Consul omits it then.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    public required string Name { get; init; }

    public string Datacenter { get; init; } = "";

    /// <summary>Sorted; null (JSON null) when no instance has a tag, as Consul's nil slice.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Sorted node names; null when the service only appears as a proxy destination.</summary>
    public IReadOnlyList<string>? Nodes { get; init; }

    /// <summary>The distinct <c>external-source</c> meta values of its instances, or null.</summary>
    public IReadOnlyList<string>? ExternalSources { get; init; }

    public int InstanceCount { get; init; }

    public int ChecksPassing { get; init; }

    public int ChecksWarning { get; init; }

    public int ChecksCritical { get; init; }

    public ServiceGatewayConfig GatewayConfig { get; init; } = ServiceGatewayConfig.Empty;

    public bool TransparentProxy { get; init; }

    public bool ConnectNative { get; init; }

    /// <summary>True when a connect-proxy instance names this service as its destination.</summary>
    public bool ConnectedWithProxy { get; init; }

    public bool ConnectedWithGateway { get; init; }
}
