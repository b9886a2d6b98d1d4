namespace Trellis.Core.Catalog;

/// <summary>The built-in names of the catalog (Consul's <c>structs</c> constants).</summary>
public static class CatalogNames
{
    /// <summary>The node check every agent gets (gossip health).</summary>
    public const string SerfCheckId = "serfHealth";

    public const string SerfCheckName = "Serf Health Status";

    public const string SerfCheckAliveOutput = "Agent alive and reachable";

    public const string SerfCheckFailedOutput = "Agent not live or unreachable";

    /// <summary>The service every server node carries.</summary>
    public const string ConsulServiceId = "consul";

    public const string ConsulServiceName = "consul";

    /// <summary>Node meta key with the agent's version.</summary>
    public const string MetaConsulVersion = "consul-version";

    /// <summary>Node meta key of the network segment (empty for the default segment).</summary>
    public const string MetaSegmentKey = "consul-network-segment";
}
