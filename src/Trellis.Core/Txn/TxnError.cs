namespace Trellis.Core.Txn;

/// <summary>One entry of <c>Errors</c> in a failed transaction response: which operation failed and why.</summary>
public sealed record TxnError(int OpIndex, string What);
