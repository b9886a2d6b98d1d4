namespace Trellis.Http.Endpoints;

/// <summary>The <c>Config</c> member of <c>/v1/agent/self</c>; <see cref="Version"/> is the Consul API version matched.</summary>
public sealed record AgentSelfConfig
{
    public required string Datacenter { get; init; }

    public required string PrimaryDatacenter { get; init; }

    public required string NodeName { get; init; }

    public required string NodeID { get; init; }

    public string Partition { get; init; } = "";

    public required string Revision { get; init; }

    public bool Server { get; init; }

    public required string Version { get; init; }

    public string BuildDate { get; init; } = "";

    /// <summary>Trellis' own version (not a Consul field).</summary>
    public required string TrellisVersion { get; init; }
}
