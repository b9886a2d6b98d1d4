using Trellis.Core.Queries;

namespace Trellis.Core.PreparedQueries;

/// <summary>What <c>/v1/query/:id/execute</c> (and a <c>.query.consul</c> DNS lookup) asks for.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record PreparedQueryExecuteRequest
{
    /// <summary>A query ID, a query name, or a name a template's prefix matches.</summary>
    public required string QueryIdOrName { get; init; }

    /// <summary>Keep at most this many instances (0: all).</summary>
    public int Limit { get; init; }

    /// <summary>The <c>near</c> parameter: a node to move to the front (<c>_agent</c>: <see cref="AgentNode"/>).</summary>
    public string Near { get; init; } = "";

    /// <summary>The node name of the agent running the query (for <c>_agent</c>).</summary>
    public string AgentNode { get; init; } = "";

    /// <summary>The agent's network segment (for <c>${agent.segment}</c>); "" in the default segment.</summary>
    public string AgentSegment { get; init; } = "";

    /// <summary>The <c>connect</c> parameter: return Connect-capable endpoints.</summary>
    public bool Connect { get; init; }

    public QueryOptions Options { get; init; } = QueryOptions.Default;
}
