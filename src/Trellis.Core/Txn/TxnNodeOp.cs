using Trellis.Core.Catalog;

namespace Trellis.Core.Txn;

/// <summary>
/// The <c>Node</c> member of one <c>/v1/txn</c> operation: the node only (its services and checks are separate
/// operations). Found by ID when one is given, else by name; <c>cas</c> and <c>delete-cas</c> compare
/// <see cref="CatalogNode.ModifyIndex"/>.
/// </summary>
public sealed record TxnNodeOp
{
    public required CatalogVerb Verb { get; init; }

    public CatalogNode? Node { get; init; }
}
