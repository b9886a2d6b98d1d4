namespace Trellis.Core.Txn;

/// <summary>
/// The body of a <c>/v1/txn</c> response. Exactly one of <see cref="Results"/> (all applied)
/// or <see cref="Errors"/> (nothing applied) is non-null.
/// </summary>
public sealed record TxnResponse
{
    public IReadOnlyList<TxnResult>? Results { get; init; }

    public IReadOnlyList<TxnError>? Errors { get; init; }
}
