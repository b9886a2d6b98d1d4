using Trellis.Core.Queries;
using Trellis.Core.Txn;

namespace Trellis.Core.Rpc;

/// <summary>Transactions (Consul's <c>Txn.Apply</c> and <c>Txn.Read</c>).</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ITxnRpc
{
    /// <summary>
    /// Applies all operations atomically or none. A transaction of only read verbs is served as a read
    /// (honouring <paramref name="options"/>' consistency) without going through Raft.
    /// </summary>
    Task<QueryResult<TxnResponse>> ApplyAsync(IReadOnlyList<TxnOp> operations, QueryOptions options, CancellationToken cancellationToken);
}
