namespace Trellis.Core.Operator;

/// <summary>One server of <c>/v1/operator/raft/configuration</c>, Consul's field names.</summary>
public sealed record RaftServerInfo
{
    public required string ID { get; init; }

    public required string Node { get; init; }

    public required string Address { get; init; }

    public bool Leader { get; init; }

    public string ProtocolVersion { get; init; } = "3";

    public bool Voter { get; init; } = true;

    public ulong LastIndex { get; init; }
}
