using Trellis.Http.Endpoints;

namespace Trellis.Http.Routing;

/// <summary>
/// The whole HTTP API in one table (like Consul's http_register.go): every path, its methods and its handler.
/// Patterns ending in <c>{**rest}</c> take the remainder of the path (keys, ids, node names).
/// </summary>
public static class HttpRoutes
{
    private static readonly string[] Get = ["GET"];
    private static readonly string[] Put = ["PUT"];
    private static readonly string[] GetPut = ["GET", "PUT"];
    private static readonly string[] GetPutDelete = ["GET", "PUT", "DELETE"];
    private static readonly string[] PostPut = ["POST", "PUT"];
    private static readonly string[] GetPost = ["GET", "POST"];

    public static IReadOnlyList<ApiRoute> Build(ApiEndpoints e) =>
    [
        // Agent
        new("/v1/agent/self", Get, e.Agent.SelfAsync),
        new("/v1/agent/members", Get, e.Agent.MembersAsync),
        new("/v1/agent/metrics", Get, e.Agent.MetricsAsync),
        new("/v1/agent/host", Get, e.Agent.HostAsync),
        new("/v1/agent/monitor", Get, e.Monitor.MonitorAsync),
        new("/v1/agent/leave", Put, e.Agent.LeaveAsync),
        new("/v1/agent/reload", Put, e.AgentLocal.ReloadAsync),
        new("/v1/agent/maintenance", Put, e.AgentLocal.NodeMaintenanceAsync),
        new("/v1/agent/services", Get, e.AgentLocal.ServicesAsync),
        new("/v1/agent/service/register", Put, e.AgentLocal.RegisterServiceAsync),
        new("/v1/agent/service/deregister/{**id}", Put, e.AgentLocal.DeregisterServiceAsync),
        new("/v1/agent/service/maintenance/{**id}", Put, e.AgentLocal.ServiceMaintenanceAsync),
        new("/v1/agent/service/{**id}", Get, e.AgentLocal.ServiceAsync),
        new("/v1/agent/checks", Get, e.AgentLocal.ChecksAsync),
        new("/v1/agent/check/register", Put, e.AgentLocal.RegisterCheckAsync),
        new("/v1/agent/check/deregister/{**id}", Put, e.AgentLocal.DeregisterCheckAsync),
        new("/v1/agent/check/pass/{**id}", Put, e.AgentLocal.PassAsync),
        new("/v1/agent/check/warn/{**id}", Put, e.AgentLocal.WarnAsync),
        new("/v1/agent/check/fail/{**id}", Put, e.AgentLocal.FailAsync),
        new("/v1/agent/check/update/{**id}", Put, e.AgentLocal.UpdateCheckAsync),
        new("/v1/agent/health/service/id/{**id}", Get, e.AgentLocal.HealthByIdAsync),
        new("/v1/agent/health/service/name/{**name}", Get, e.AgentLocal.HealthByNameAsync),

        // Catalog
        new("/v1/catalog/register", Put, e.Catalog.RegisterAsync),
        new("/v1/catalog/deregister", Put, e.Catalog.DeregisterAsync),
        new("/v1/catalog/datacenters", Get, e.Catalog.DatacentersAsync),
        new("/v1/catalog/nodes", Get, e.Catalog.NodesAsync),
        new("/v1/catalog/services", Get, e.Catalog.ServicesAsync),
        new("/v1/catalog/service/{**service}", Get, e.Catalog.ServiceAsync),
        new("/v1/catalog/connect/{**service}", Get, e.Catalog.ConnectAsync),
        new("/v1/catalog/node/{**node}", Get, e.Catalog.NodeAsync),
        new("/v1/catalog/node-services/{**node}", Get, e.Catalog.NodeServicesAsync),

        // Health
        new("/v1/health/node/{**node}", Get, e.Health.NodeAsync),
        new("/v1/health/checks/{**service}", Get, e.Health.ChecksAsync),
        new("/v1/health/service/{**service}", Get, e.Health.ServiceAsync),
        new("/v1/health/connect/{**service}", Get, e.Health.ConnectAsync),
        new("/v1/health/state/{**state}", Get, e.Health.StateAsync),

        // Internal (the web UI's aggregate views)
        new("/v1/internal/ui/services", Get, e.InternalUi.ServicesAsync),
        new("/v1/internal/ui/nodes", Get, e.InternalUi.NodesAsync),

        // User events
        new("/v1/event/fire/{**name}", Put, e.Event.FireAsync),
        new("/v1/event/list", Get, e.Event.ListAsync),

        // KV
        new("/v1/kv/{**key}", GetPutDelete, e.Kv.HandleAsync),

        // Operator
        new("/v1/operator/raft/configuration", Get, e.Operator.RaftConfigurationAsync),
        new("/v1/operator/autopilot/configuration", GetPut, e.Operator.AutopilotConfigurationAsync),
        new("/v1/operator/autopilot/health", Get, e.Operator.AutopilotHealthAsync),
        new("/v1/operator/autopilot/state", Get, e.Operator.AutopilotStateAsync),

        // Prepared queries
        new("/v1/query", GetPost, e.Query.GeneralAsync),
        new("/v1/query/{**id}", GetPutDelete, e.Query.SpecificAsync),

        // Sessions
        new("/v1/session/create", Put, e.Session.CreateAsync),
        new("/v1/session/destroy/{**id}", Put, e.Session.DestroyAsync),
        new("/v1/session/renew/{**id}", Put, e.Session.RenewAsync),
        new("/v1/session/info/{**id}", Get, e.Session.InfoAsync),
        new("/v1/session/node/{**node}", Get, e.Session.NodeAsync),
        new("/v1/session/list", Get, e.Session.ListAsync),

        // Snapshot
        new("/v1/snapshot", GetPut, e.Snapshot.HandleAsync),

        // Status
        new("/v1/status/leader", Get, e.Status.LeaderAsync),
        new("/v1/status/peers", Get, e.Status.PeersAsync),

        // Transactions
        new("/v1/txn", PostPut, e.Txn.ApplyAsync),
    ];
}
