namespace Trellis.Core.Txn;

/// <summary>The <c>KV</c> member of one <c>/v1/txn</c> operation, as Consul spells it.</summary>
public sealed record TxnKvOp
{
    public required KvVerb Verb { get; init; }

    public string Key { get; init; } = "";

    public byte[]? Value { get; init; }

    public ulong Flags { get; init; }

    /// <summary>The index for cas, check-index and delete-cas.</summary>
    public ulong Index { get; init; }

    public string? Session { get; init; }
}
