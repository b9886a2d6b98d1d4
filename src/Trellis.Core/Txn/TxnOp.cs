namespace Trellis.Core.Txn;

/// <summary>
/// One operation of a transaction. Consul's request is a list of objects with exactly one of
/// <c>KV</c>, <c>Node</c>, <c>Service</c> or <c>Check</c>; only KV exists until the catalog lands.
/// </summary>
public sealed record TxnOp
{
    public TxnKvOp? KV { get; init; }
}
