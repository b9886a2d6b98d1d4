namespace Trellis.Core.Kv;

/// <summary>Consul's default size limits for KV values and transactions.</summary>
public static class KvLimits
{
    /// <summary>Default <c>limits.kv_max_value_size</c>: 512 KiB.</summary>
    public const int DefaultMaxValueSize = 512 * 1024;

    /// <summary>Default <c>limits.txn_max_req_len</c>: 512 KiB.</summary>
    public const int DefaultMaxTxnRequestLength = 512 * 1024;

    /// <summary>Maximum number of operations in one transaction (Consul's fixed <c>maxTxnOps</c>).</summary>
    public const int MaxTxnOperations = 64;
}
