namespace Trellis.Core.Members;

/// <summary>
/// One gossip pool member as <c>/v1/agent/members</c> and <c>/v1/agent/self</c> return it
/// (Consul's field names; <see cref="Status"/> 1 = alive).
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record Member
{
    public required string Name { get; init; }

    public required string Addr { get; init; }

    public int Port { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public int Status { get; init; } = MemberStatus.Alive;

    public int ProtocolMin { get; init; } = 1;

    public int ProtocolMax { get; init; } = 5;

    public int ProtocolCur { get; init; } = 2;

    public int DelegateMin { get; init; } = 2;

    public int DelegateMax { get; init; } = 5;

    public int DelegateCur { get; init; } = 4;
}
