using System.Text.Json.Serialization;

namespace Trellis.Core.Txn;

/// <summary>
/// The verbs of the <c>Node</c>, <c>Service</c> and <c>Check</c> operations of <c>/v1/txn</c>.
/// Numeric values are persisted inside commands: append only, never renumber.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CatalogVerb>))]
public enum CatalogVerb
{
    [JsonStringEnumMemberName("set")] Set = 1,
    [JsonStringEnumMemberName("cas")] Cas = 2,
    [JsonStringEnumMemberName("get")] Get = 3,
    [JsonStringEnumMemberName("delete")] Delete = 4,
    [JsonStringEnumMemberName("delete-cas")] DeleteCas = 5,
}
