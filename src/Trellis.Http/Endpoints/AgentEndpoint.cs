using Trellis.Agent;
using Trellis.Agent.Metrics;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary><c>/v1/agent/self</c>, <c>/members</c>, <c>/metrics</c> (JSON or Prometheus) and <c>/leave</c>.</summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class AgentEndpoint(Agent.Agent agent)
{
    public Task<ApiResult> SelfAsync(ApiRequest request)
    {
        var id = agent.Identity;
        var self = new AgentSelfResponse
        {
            Config = new AgentSelfConfig
            {
                Datacenter = id.Datacenter,
                PrimaryDatacenter = id.Datacenter,
                NodeName = id.NodeName,
                NodeID = id.NodeId,
                Revision = AgentVersion.Revision,
                Server = id.Server,
                Version = AgentVersion.ConsulApiVersion,
                TrellisVersion = AgentVersion.TrellisVersion,
            },
            DebugConfig = new AgentDebugConfig
            {
                Datacenter = id.Datacenter,
                NodeName = id.NodeName,
                NodeID = id.NodeId,
                ServerMode = id.Server,
                DevMode = id.DevMode,
                AdvertiseAddrLAN = id.AdvertiseAddr,
                BindAddr = id.BindAddr,
                ClientAddrs = [id.ClientAddr],
                HTTPPort = id.HttpPort,
                DNSPort = id.DnsPort,
                ServerPort = id.ServerPort,
                SerfPortLAN = id.SerfLanPort,
                SerfPortWAN = id.SerfWanPort,
                Version = AgentVersion.ConsulApiVersion,
                Revision = AgentVersion.Revision,
            },
            Member = agent.Members().First(m => m.Name == agent.NodeName),
            Meta = agent.NodeMeta,
        };
        return Task.FromResult(ApiResult.Json(self));
    }

    public Task<ApiResult> MembersAsync(ApiRequest request) => Task.FromResult(ApiResult.Json(agent.Members()));

    /// <summary><c>/v1/agent/host</c>: memory, CPUs, host and the data directory's disk (Consul's unstable host report).</summary>
    public Task<ApiResult> HostAsync(ApiRequest request) =>
        Task.FromResult(ApiResult.Json(new Agent.Host.HostInfoCollector().Collect(agent.Local.DataDir)));

    public Task<ApiResult> MetricsAsync(ApiRequest request)
    {
        var snapshot = agent.Metrics.Snapshot();
        if (request.Get("format") == "prometheus")
        {
            return Task.FromResult(ApiResult.Bytes(
                System.Text.Encoding.UTF8.GetBytes(PrometheusFormatter.Format(snapshot)), PrometheusFormatter.ContentType));
        }

        return Task.FromResult(ApiResult.Json(snapshot));
    }

    public Task<ApiResult> LeaveAsync(ApiRequest request)
    {
        agent.RequestLeave();
        return Task.FromResult(ApiResult.Empty);
    }
}
