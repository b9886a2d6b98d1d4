using Trellis.Core.Catalog;

namespace Trellis.Core.Txn;

/// <summary>
/// The <c>Service</c> member of one <c>/v1/txn</c> operation: a service instance on <see cref="Node"/>;
/// <c>cas</c> and <c>delete-cas</c> compare <see cref="NodeService.ModifyIndex"/>.
/// </summary>
public sealed record TxnServiceOp
{
    public required CatalogVerb Verb { get; init; }

    public string Node { get; init; } = "";

    public NodeService? Service { get; init; }
}
