namespace Trellis.Api.Agent;

/// <summary>One gossip member from <c>/v1/agent/members</c>, Consul's field names.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record AgentMember
{
    public string Name { get; init; } = "";

    public string Addr { get; init; } = "";

    public ushort Port { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Serf status: 0 none, 1 alive, 2 leaving, 3 left, 4 failed.</summary>
    public int Status { get; init; }

    public byte ProtocolMin { get; init; }

    public byte ProtocolMax { get; init; }

    public byte ProtocolCur { get; init; }

    public byte DelegateMin { get; init; }

    public byte DelegateMax { get; init; }

    public byte DelegateCur { get; init; }

    /// <summary>Serf's name for <see cref="Status"/> ("alive", "failed", ...), as <c>consul members</c> prints it.</summary>
    public string StatusText => Status switch
    {
        0 => "none",
        1 => "alive",
        2 => "leaving",
        3 => "left",
        4 => "failed",
        _ => "unknown",
    };
}
