namespace Trellis.Agent;

/// <summary>Who this agent is and where it listens: fixed for the agent's lifetime.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record AgentIdentity
{
    public required string NodeName { get; init; }

    /// <summary>The node's UUID.</summary>
    public required string NodeId { get; init; }

    public string Datacenter { get; init; } = "dc1";

    public bool Server { get; init; }

    public bool DevMode { get; init; }

    /// <summary>Address advertised to other members (cluster traffic).</summary>
    public string AdvertiseAddr { get; init; } = "127.0.0.1";

    public string BindAddr { get; init; } = "0.0.0.0";

    public string ClientAddr { get; init; } = "127.0.0.1";

    public int HttpPort { get; init; } = 8500;

    public int DnsPort { get; init; } = 8600;

    /// <summary>Server RPC/Raft port.</summary>
    public int ServerPort { get; init; } = 8300;

    /// <summary>Gossip LAN port (Consul's serf_lan).</summary>
    public int SerfLanPort { get; init; } = 8301;

    public int SerfWanPort { get; init; } = 8302;
}
