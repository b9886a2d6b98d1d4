using System.Text.Json.Serialization;

namespace Trellis.Core.Catalog;

/// <summary>The gateway part of a <see cref="ServiceSummary"/>; both fields are omitted when unset (<c>{}</c>).</summary>
/// <remarks>Immutable.</remarks>
public sealed record ServiceGatewayConfig
{
    public static readonly ServiceGatewayConfig Empty = new();

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int AssociatedServiceCount { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Addresses { get; init; }
}
