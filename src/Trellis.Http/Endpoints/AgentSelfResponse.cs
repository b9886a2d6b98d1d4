using Trellis.Agent.Members;
using Trellis.Core.Members;

namespace Trellis.Http.Endpoints;

/// <summary>The body of <c>/v1/agent/self</c>.</summary>
public sealed record AgentSelfResponse
{
    public required AgentSelfConfig Config { get; init; }

    public required AgentDebugConfig DebugConfig { get; init; }

    /// <summary>Network coordinate; null until coordinates land.</summary>
    public object? Coord { get; init; }

    public required Member Member { get; init; }

    public required IReadOnlyDictionary<string, string> Meta { get; init; }
}
