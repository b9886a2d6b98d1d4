using System.Text.Json.Serialization;
using Trellis.Core.Catalog;
using Trellis.Core.Kv;

namespace Trellis.Core.Txn;

/// <summary>One entry of <c>Results</c> in a successful transaction response; exactly one member is set.</summary>
public sealed record TxnResult
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public KvEntry? KV { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CatalogNode? Node { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NodeService? Service { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HealthCheck? Check { get; init; }
}
