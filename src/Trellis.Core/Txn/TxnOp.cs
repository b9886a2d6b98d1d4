using System.Text.Json.Serialization;

namespace Trellis.Core.Txn;

/// <summary>
/// One operation of a transaction. Consul's request is a list of objects with one of <c>KV</c>, <c>Node</c>,
/// <c>Service</c> or <c>Check</c> (when several are set, the first in that order is the operation).
/// </summary>
public sealed record TxnOp
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TxnKvOp? KV { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TxnNodeOp? Node { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TxnServiceOp? Service { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TxnCheckOp? Check { get; init; }

    /// <summary>Whether the operation changes state (a transaction of reads only is served without Raft).</summary>
    [JsonIgnore]
    public bool IsWrite => this switch
    {
        { KV: { } kv } => kv.Verb is KvVerb.Set or KvVerb.Cas or KvVerb.Lock or KvVerb.Unlock
            or KvVerb.Delete or KvVerb.DeleteTree or KvVerb.DeleteCas,
        { Node: { } node } => node.Verb != CatalogVerb.Get,
        { Service: { } service } => service.Verb != CatalogVerb.Get,
        { Check: { } check } => check.Verb != CatalogVerb.Get,
        _ => false,
    };
}
