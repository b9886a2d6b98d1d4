using Trellis.Hosting.Configuration;
using Trellis.Hosting.Runtime;

namespace Trellis.Hosting.Tests.Runtime;

public sealed class NodeIdentityTests
{
    [Fact]
    public void ApplyDevMode_MakesInMemoryBootstrappedServerOnLoopback()
    {
        var config = NodeIdentity.ApplyDevMode(new AgentConfig { DevMode = true, DataDir = "/tmp/x" });

        Assert.True(config.Server);
        Assert.True(config.Bootstrap);
        Assert.Null(config.DataDir);
        Assert.Equal("127.0.0.1", config.BindAddr);
        Assert.Equal("127.0.0.1", NodeIdentity.AdvertiseAddress(config));
    }

    [Fact]
    public void NodeId_WithDataDir_IsPersistedAcrossCalls()
    {
        var dir = Path.Combine(Path.GetTempPath(), "trellis-nodeid-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = NodeIdentity.NodeId(new AgentConfig { DataDir = dir });
            var second = NodeIdentity.NodeId(new AgentConfig { DataDir = dir });

            Assert.True(Guid.TryParse(first, out _));
            Assert.Equal(first, second);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void NodeId_Configured_WinsAndIsLowercased()
    {
        Assert.Equal("abcdef01-0000-0000-0000-000000000000",
            NodeIdentity.NodeId(new AgentConfig { NodeId = "ABCDEF01-0000-0000-0000-000000000000" }));
    }
}
