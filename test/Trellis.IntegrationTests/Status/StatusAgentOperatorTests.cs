using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Status;

/// <summary>/v1/status, /v1/agent/self|members|metrics and /v1/operator/raft/configuration against a real agent.</summary>
public sealed partial class StatusAgentOperatorTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    [Fact]
    public async Task StatusLeader_SingleServer_IsItsOwnRaftAddress()
    {
        var leader = await Http.GetReplyAsync("v1/status/leader");

        Assert.True(leader.Status == HttpStatusCode.OK, leader.ToString());
        Assert.Equal(Agent.ServerAddr, leader.Json().GetString());
    }

    [Fact]
    public async Task StatusPeers_SingleServer_ListsOnlyItself()
    {
        var peers = await Http.GetReplyAsync("v1/status/peers");

        Assert.True(peers.Status == HttpStatusCode.OK, peers.ToString());
        Assert.Equal([Agent.ServerAddr], peers.Json().EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task AgentHost_ReportsThisMachinesMemoryCpusHostAndDisk()
    {
        var reply = await Http.GetReplyAsync("v1/agent/host");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var host = reply.Json();
        Assert.Equal(JsonValueKind.Null, host.GetProperty("Errors").ValueKind);
        Assert.True(host.GetProperty("Memory").GetProperty("total").GetUInt64() > 0);
        Assert.Equal(Environment.ProcessorCount, host.GetProperty("CPU").GetArrayLength());
        Assert.Equal(("linux", Environment.MachineName), (host.GetProperty("Host").GetProperty("os").GetString(), host.GetProperty("Host").GetProperty("hostname").GetString()));
        Assert.True(host.GetProperty("Host").GetProperty("uptime").GetUInt64() > 0);
        Assert.True(host.GetProperty("Disk").GetProperty("total").GetUInt64() > 0);
        Assert.True(host.GetProperty("CollectionTime").GetInt64() > DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds() * 1_000_000);
    }

    [Fact]
    public async Task AgentSelf_ReportsDatacenterNodeNameAndVersion()
    {
        var self = await Http.GetReplyAsync("v1/agent/self");

        Assert.True(self.Status == HttpStatusCode.OK, self.ToString());
        var config = self.Json().GetProperty("Config");
        Assert.Equal("dc1", config.GetProperty("Datacenter").GetString());
        Assert.Equal(Agent.NodeName, config.GetProperty("NodeName").GetString());
        Assert.True(config.GetProperty("Server").GetBoolean());
        Assert.Matches(VersionPattern(), config.GetProperty("Version").GetString());
        Assert.Equal(Agent.NodeName, self.Json().GetProperty("Member").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task AgentMembers_SingleAgent_ListsItselfAlive()
    {
        var members = await Http.GetReplyAsync("v1/agent/members");

        Assert.True(members.Status == HttpStatusCode.OK, members.ToString());
        var member = Assert.Single(members.Json().EnumerateArray());
        Assert.Equal(Agent.NodeName, member.GetProperty("Name").GetString());
        Assert.Equal(Agent.Address.ToString(), member.GetProperty("Addr").GetString());
        Assert.Equal(1, member.GetProperty("Status").GetInt32());
        Assert.Equal("consul", member.GetProperty("Tags").GetProperty("role").GetString());
        Assert.Equal("dc1", member.GetProperty("Tags").GetProperty("dc").GetString());
    }

    [Fact]
    public async Task AgentMetrics_Json_HasConsulSections()
    {
        var metrics = await Http.GetReplyAsync("v1/agent/metrics");

        Assert.True(metrics.Status == HttpStatusCode.OK, metrics.ToString());
        var body = metrics.Json();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("Timestamp").GetString()));
        foreach (var section in new[] { "Gauges", "Points", "Counters", "Samples" })
        {
            Assert.Equal(JsonValueKind.Array, body.GetProperty(section).ValueKind);
        }
    }

    [Fact]
    public async Task AgentMetrics_Prometheus_IsTextExposition()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/m", "v");

        var metrics = await Http.GetReplyAsync("v1/agent/metrics?format=prometheus");

        Assert.True(metrics.Status == HttpStatusCode.OK, metrics.ToString());
        Assert.StartsWith("text/plain", metrics.Header("Content-Type"));
        Assert.Contains("# TYPE ", metrics.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorRaftConfiguration_SingleServer_IsLeaderVoter()
    {
        var configuration = await Http.GetReplyAsync("v1/operator/raft/configuration");

        Assert.True(configuration.Status == HttpStatusCode.OK, configuration.ToString());
        var body = configuration.Json();
        Assert.True(body.GetProperty("Index").GetUInt64() > 0);
        var server = Assert.Single(body.GetProperty("Servers").EnumerateArray());
        Assert.Equal(Agent.NodeName, server.GetProperty("Node").GetString());
        Assert.Equal(Agent.ServerAddr, server.GetProperty("Address").GetString());
        Assert.True(server.GetProperty("Leader").GetBoolean());
        Assert.True(server.GetProperty("Voter").GetBoolean());
        Assert.Equal("3", server.GetProperty("ProtocolVersion").GetString());
        Assert.False(string.IsNullOrEmpty(server.GetProperty("ID").GetString()));
    }

    [Fact]
    public async Task UnknownEndpoint_Returns404()
    {
        var reply = await Http.GetReplyAsync("v1/no/such/endpoint");

        Assert.True(reply.Status == HttpStatusCode.NotFound, reply.ToString());
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+")]
    private static partial Regex VersionPattern();
}
