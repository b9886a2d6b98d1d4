namespace Trellis.Core.PreparedQueries;

/// <summary>
/// Consul's <c>PreparedQueryExplainResponse</c>: the query after template rendering, with Consul's embedded
/// <c>QueryMeta</c> fields.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record PreparedQueryExplainResponse
{
    public required PreparedQuery Query { get; init; }

    public ulong Index { get; init; }

    public long LastContact { get; init; }

    public bool KnownLeader { get; init; }

    public string ConsistencyLevel { get; init; } = "";

    public bool NotModified { get; init; }

    public int Backend { get; init; }
}
