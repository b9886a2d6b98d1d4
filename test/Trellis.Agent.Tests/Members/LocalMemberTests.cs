using Trellis.Agent.Members;
using Trellis.Core.Members;

namespace Trellis.Agent.Tests.Members;

public sealed class LocalMemberTests
{
    private static readonly AgentIdentity Server = new()
    {
        NodeName = "n1", NodeId = "0b0e6c4e-51f5-4bd4-9b5e-2f0b4b0a7e55", Server = true, AdvertiseAddr = "10.0.0.5", Datacenter = "east",
    };

    [Fact]
    public void From_Server_HasConsulTags()
    {
        var member = LocalMember.From(Server, bootstrap: true);

        Assert.Equal("n1", member.Name);
        Assert.Equal("10.0.0.5", member.Addr);
        Assert.Equal(8301, member.Port);
        Assert.Equal(MemberStatus.Alive, member.Status);
        Assert.Equal("consul", member.Tags["role"]);
        Assert.Equal("east", member.Tags["dc"]);
        Assert.Equal(Server.NodeId, member.Tags["id"]);
        Assert.Equal("8300", member.Tags["port"]);
        Assert.Equal("1", member.Tags["bootstrap"]);
        Assert.Equal("3", member.Tags["raft_vsn"]);
        Assert.StartsWith("1.20.2:", member.Tags["build"], StringComparison.Ordinal);
    }

    [Fact]
    public void From_Client_HasNodeRoleAndNoServerPort()
    {
        var member = LocalMember.From(Server with { Server = false });

        Assert.Equal("node", member.Tags["role"]);
        Assert.False(member.Tags.ContainsKey("port"));
    }
}
