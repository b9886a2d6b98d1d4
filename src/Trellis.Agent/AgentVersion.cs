namespace Trellis.Agent;

/// <summary>Version facts an agent reports: the Consul API version it matches and its own.</summary>
public static class AgentVersion
{
    /// <summary>The Consul release whose HTTP API, CLI and config this build matches.</summary>
    public const string ConsulApiVersion = "1.20.2";

    /// <summary>Trellis' own version.</summary>
    public const string TrellisVersion = "0.1.0";

    /// <summary>Source revision (Consul reports a git sha here).</summary>
    public const string Revision = "trellis";

    /// <summary>Consul's gossip protocol version range (Serf "vsn" tags).</summary>
    public const int ProtocolMin = 1;

    public const int ProtocolMax = 5;

    public const int ProtocolCurrent = 2;

    /// <summary>Consul's Raft protocol version.</summary>
    public const int RaftProtocol = 3;
}
