namespace Trellis.Core.Operator;

/// <summary>The body of <c>/v1/operator/raft/configuration</c>.</summary>
public sealed record RaftConfiguration(IReadOnlyList<RaftServerInfo> Servers, ulong Index);
