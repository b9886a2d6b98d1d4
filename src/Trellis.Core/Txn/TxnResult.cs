using Trellis.Core.Kv;

namespace Trellis.Core.Txn;

/// <summary>One entry of <c>Results</c> in a successful transaction response.</summary>
public sealed record TxnResult
{
    public KvEntry? KV { get; init; }
}
