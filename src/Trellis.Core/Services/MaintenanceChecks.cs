namespace Trellis.Core.Services;

/// <summary>The ids, names and default notes of Consul's maintenance-mode checks.</summary>
public static class MaintenanceChecks
{
    /// <summary>The check id of node maintenance mode.</summary>
    public const string NodeCheckId = "_node_maintenance";

    /// <summary>The prefix of a service's maintenance check id (followed by the service id).</summary>
    public const string ServicePrefix = "_service_maintenance:";

    public const string NodeName = "Node Maintenance Mode";

    public const string ServiceName = "Service Maintenance Mode";

    public const string DefaultNodeReason =
        "Maintenance mode is enabled for this node, but no reason was provided. This is a default message.";

    public const string DefaultServiceReason =
        "Maintenance mode is enabled for this service, but no reason was provided. This is a default message.";

    /// <summary>The check type Consul gives maintenance checks.</summary>
    public const string Type = "maintenance";

    public static string ServiceCheckId(string serviceId) => ServicePrefix + serviceId;

    /// <summary>Whether <paramref name="checkId"/> is a maintenance check (node or service).</summary>
    public static bool IsMaintenance(string checkId) =>
        checkId == NodeCheckId || checkId.StartsWith(ServicePrefix, StringComparison.Ordinal);
}
