namespace Trellis.Http;

/// <summary>Limits and formatting switches of the HTTP API, taken once from the agent config.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record HttpApiOptions
{
    /// <summary><c>limits.kv_max_value_size</c>.</summary>
    public int KvMaxValueSize { get; init; } = Trellis.Core.Kv.KvLimits.DefaultMaxValueSize;

    /// <summary><c>limits.txn_max_req_len</c>.</summary>
    public int TxnMaxRequestLength { get; init; } = Trellis.Core.Kv.KvLimits.DefaultMaxTxnRequestLength;

    /// <summary>Indent every JSON response, as Consul does in <c>-dev</c> mode (otherwise only with <c>?pretty</c>).</summary>
    public bool PrettyByDefault { get; init; }
}
