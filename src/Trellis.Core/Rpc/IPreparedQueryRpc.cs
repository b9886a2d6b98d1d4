using Trellis.Core.PreparedQueries;
using Trellis.Core.Queries;

namespace Trellis.Core.Rpc;

/// <summary>Prepared query operations a server offers (Consul's <c>PreparedQuery.*</c> RPCs).</summary>
/// <remarks>Implementations are thread-safe; any number of callers at once.</remarks>
public interface IPreparedQueryRpc
{
    /// <summary>
    /// Creates (a fresh ID is assigned; the given one must be empty), updates or deletes a query; returns its ID.
    /// Invalid definitions and conflicts fail with Consul's texts (<see cref="Errors.InternalServerErrorException"/>,
    /// as Consul answers them with a 500).
    /// </summary>
    Task<string> ApplyAsync(PreparedQueryOp op, PreparedQuery query, string? token, CancellationToken cancellationToken);

    /// <summary>One query by ID, as a one-element list; <see cref="Errors.NotFoundException"/> ("Query not found") when missing.</summary>
    Task<QueryResult<IReadOnlyList<PreparedQuery>>> GetAsync(string id, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>Every query, by ID.</summary>
    Task<QueryResult<IReadOnlyList<PreparedQuery>>> ListAsync(QueryOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a query by ID, name or template prefix; <see cref="Errors.NotFoundException"/> ("Query not found") when nothing matches.
    /// </summary>
    Task<QueryResult<PreparedQueryExecuteResponse>> ExecuteAsync(PreparedQueryExecuteRequest request, CancellationToken cancellationToken);

    /// <summary>The query that <see cref="ExecuteAsync"/> would run for <paramref name="queryIdOrName"/>, templates rendered.</summary>
    Task<QueryResult<PreparedQueryExplainResponse>> ExplainAsync(string queryIdOrName, string agentSegment, QueryOptions options, CancellationToken cancellationToken);
}
