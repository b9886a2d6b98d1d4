using Trellis.Core.Members;
namespace Trellis.Agent.Members;

/// <summary>Builds the member record this agent gossips about itself (Consul's Serf tags).</summary>
public static class LocalMember
{
    /// <summary>The local member: Consul tags role, dc, id, port (servers), build, vsn*, raft_vsn, bootstrap.</summary>
    public static Member From(AgentIdentity identity, bool bootstrap = false)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["role"] = identity.Server ? "consul" : "node",
            ["dc"] = identity.Datacenter,
            ["segment"] = "",
            ["id"] = identity.NodeId,
            // Consul compat: build is "<version>:<revision>".
            ["build"] = $"{AgentVersion.ConsulApiVersion}:{AgentVersion.Revision}",
            ["vsn"] = AgentVersion.ProtocolCurrent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["vsn_min"] = "2",
            ["vsn_max"] = "3",
        };
        if (identity.Server)
        {
            tags["port"] = identity.ServerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tags["raft_vsn"] = AgentVersion.RaftProtocol.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tags["expect"] = "0";
            if (bootstrap)
            {
                tags["bootstrap"] = "1";
            }
        }

        return new Member
        {
            Name = identity.NodeName,
            Addr = identity.AdvertiseAddr,
            Port = identity.SerfLanPort,
            Tags = tags,
            Status = MemberStatus.Alive,
            ProtocolMin = AgentVersion.ProtocolMin,
            ProtocolMax = AgentVersion.ProtocolMax,
            ProtocolCur = AgentVersion.ProtocolCurrent,
        };
    }
}
