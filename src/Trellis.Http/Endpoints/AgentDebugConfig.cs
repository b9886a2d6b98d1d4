namespace Trellis.Http.Endpoints;

/// <summary>A minimal <c>DebugConfig</c> of <c>/v1/agent/self</c> (Consul's runtime config field names).</summary>
public sealed record AgentDebugConfig
{
    public required string Datacenter { get; init; }

    public required string NodeName { get; init; }

    public required string NodeID { get; init; }

    public bool ServerMode { get; init; }

    public bool DevMode { get; init; }

    public required string AdvertiseAddrLAN { get; init; }

    public required string BindAddr { get; init; }

    public required IReadOnlyList<string> ClientAddrs { get; init; }

    public int HTTPPort { get; init; }

    public int DNSPort { get; init; }

    public int ServerPort { get; init; }

    public int SerfPortLAN { get; init; }

    public int SerfPortWAN { get; init; }

    public required string Version { get; init; }

    public required string Revision { get; init; }
}
