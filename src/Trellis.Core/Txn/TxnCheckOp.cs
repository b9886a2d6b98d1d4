using Trellis.Core.Catalog;

namespace Trellis.Core.Txn;

/// <summary>
/// The <c>Check</c> member of one <c>/v1/txn</c> operation: a check on <see cref="HealthCheck.Node"/>;
/// <c>cas</c> and <c>delete-cas</c> compare <see cref="HealthCheck.ModifyIndex"/>.
/// </summary>
public sealed record TxnCheckOp
{
    public required CatalogVerb Verb { get; init; }

    public HealthCheck? Check { get; init; }
}
