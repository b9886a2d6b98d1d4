using System.Text.Json.Serialization;

namespace Trellis.Core.Txn;

/// <summary>
/// The KV verbs of <c>/v1/txn</c> (and, for the write verbs, of <c>/v1/kv</c> itself).
/// Numeric values are persisted inside commands: append only, never renumber.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<KvVerb>))]
public enum KvVerb
{
    [JsonStringEnumMemberName("set")] Set = 1,
    [JsonStringEnumMemberName("cas")] Cas = 2,
    [JsonStringEnumMemberName("lock")] Lock = 3,
    [JsonStringEnumMemberName("unlock")] Unlock = 4,
    [JsonStringEnumMemberName("get")] Get = 5,
    [JsonStringEnumMemberName("get-tree")] GetTree = 6,
    [JsonStringEnumMemberName("check-index")] CheckIndex = 7,
    [JsonStringEnumMemberName("check-session")] CheckSession = 8,
    [JsonStringEnumMemberName("check-not-exists")] CheckNotExists = 9,
    [JsonStringEnumMemberName("delete")] Delete = 10,
    [JsonStringEnumMemberName("delete-tree")] DeleteTree = 11,
    [JsonStringEnumMemberName("delete-cas")] DeleteCas = 12,
    [JsonStringEnumMemberName("get-or-empty")] GetOrEmpty = 13,
}
