using Trellis.Cli.Commands.Catalog;
using Trellis.Cli.Tests.TestSupport;
using Trellis.Core.Catalog;

namespace Trellis.Cli.Tests.Commands.Catalog;

public sealed class CatalogCommandTests
{
    private const string Nodes = """
        [
          {"ID":"2a5fb2d3-51f5-4bcf-8b1a-2f3d1c7a9b10","Node":"server-1","Address":"10.0.0.1","Datacenter":"dc1","TaggedAddresses":{"wan":"1.2.3.4","lan":"10.0.0.1"},"Meta":{"rack":"r1","os":"linux"},"CreateIndex":5,"ModifyIndex":6},
          {"ID":"","Node":"web","Address":"10.0.0.22","Datacenter":"dc1","TaggedAddresses":null,"Meta":null,"CreateIndex":7,"ModifyIndex":7}
        ]
        """;

    [Fact]
    public async Task Datacenters_Agent_PrintsOnePerLine()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => """["dc1","dc2"]""");
        var run = await CliRun.AgainstAsync(agent, "catalog", "datacenters");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("dc1\ndc2\n", run.Out);
        Assert.Equal("/v1/catalog/datacenters", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Datacenters_ExtraArgument_Fails()
    {
        var run = await CliRun.RunAsync(["catalog", "datacenters", "x"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Too many arguments (expected 0, got 1)\n", run.Error);
    }

    [Fact]
    public async Task Datacenters_AgentFails_ExitsOne()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "catalog", "datacenters");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error listing datacenters: Unexpected response code: 404", run.Error);
    }

    [Fact]
    public async Task Nodes_Default_PrintsShortIdColumns()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => Nodes);
        var run = await CliRun.AgainstAsync(agent, "catalog", "nodes");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "Node      ID        Address    DC\n" +
            "server-1  2a5fb2d3  10.0.0.1   dc1\n" +
            "web                 10.0.0.22  dc1\n", run.Out);
    }

    [Fact]
    public async Task Nodes_Detailed_PrintsFullIdAndSortedMaps()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => Nodes);
        var run = await CliRun.AgainstAsync(agent, "catalog", "nodes", "-detailed");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("Node      ID                                    Address    DC   TaggedAddresses            Meta", lines[0]);
        Assert.Equal("server-1  2a5fb2d3-51f5-4bcf-8b1a-2f3d1c7a9b10  10.0.0.1   dc1  lan=10.0.0.1, wan=1.2.3.4  os=linux, rack=r1", lines[1]);
    }

    [Fact]
    public async Task Nodes_QueryFlags_SentAsQueryParameters()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => Nodes);
        var run = await CliRun.AgainstAsync(agent, "catalog", "nodes", "-near=_agent", "-node-meta=rack=r1",
            "-filter=Node == web", "-stale");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/catalog/nodes?stale&filter=Node%20%3D%3D%20web&near=_agent&node-meta=rack%3Ar1",
            Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Nodes_Service_UsesCatalogServiceNodes()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => """
            [{"ID":"aa-bb","Node":"web","Address":"10.0.0.22","Datacenter":"dc1","ServiceID":"web1","ServiceName":"web","ServicePort":80}]
            """);
        var run = await CliRun.AgainstAsync(agent, "catalog", "nodes", "-service=web");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/catalog/service/web", Assert.Single(agent.Requests).PathAndQuery);
        Assert.Equal("Node  ID  Address    DC\nweb   aa  10.0.0.22  dc1\n", run.Out);
    }

    [Fact]
    public async Task Nodes_NoneMatch_ReportsOnStderrAndExitsZero()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "[]");
        var run = await CliRun.AgainstAsync(agent, "catalog", "nodes");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("No nodes match the given query - try expanding your search.\n", run.Error);
    }

    [Fact]
    public async Task Nodes_FilterFromStdin_ReadsDataSource()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => Nodes);
        var run = await CliRun.RunAsync(["catalog", "nodes", "-filter=-"],
            new Dictionary<string, string> { ["CONSUL_HTTP_ADDR"] = agent.Address }, stdin: "Meta.rack == r1");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("filter=Meta.rack%20%3D%3D%20r1", Assert.Single(agent.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_Default_PrintsSortedNames()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => """{"web":["v2","v1"],"consul":[],"db":["primary"]}""");
        var run = await CliRun.AgainstAsync(agent, "catalog", "services");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("consul\ndb\nweb\n", run.Out);
    }

    [Fact]
    public async Task Services_Tags_PrintsTabAlignedSortedTags()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => """{"web":["v2","v1"],"consul":[],"db":["primary"]}""");
        var run = await CliRun.AgainstAsync(agent, "catalog", "services", "-tags");
        Assert.Equal(0, run.ExitCode);
        // Go's tabwriter pads a tab-terminated cell even when the last cell is empty; only the ends are trimmed.
        Assert.Equal("consul      \ndb          primary\nweb         v1,v2\n", run.Out);
    }

    [Fact]
    public async Task Services_Node_ReadsNodeServices()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => """
            {"Node":{"Node":"n1","Address":"10.0.0.1"},"Services":{"web1":{"ID":"web1","Service":"web","Tags":["b"]},"web2":{"ID":"web2","Service":"web","Tags":["a"]},"db":{"ID":"db","Service":"db"}}}
            """);
        var run = await CliRun.AgainstAsync(agent, "catalog", "services", "-node=n1", "-tags");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/catalog/node/n1", Assert.Single(agent.Requests).PathAndQuery);
        Assert.Equal("db       \nweb      a,b\n", run.Out);
    }

    [Fact]
    public async Task Services_UnknownNode_ReportsNoneMatch()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "catalog", "services", "-node=ghost");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("No services match the given query - try expanding your search.\n", run.Error);
    }

    [Fact]
    public void Pairs_Map_SortsByKeyOrdinal()
    {
        Assert.Equal("A=1, a=2, b=3", CatalogTable.Pairs(new Dictionary<string, string> { ["b"] = "3", ["a"] = "2", ["A"] = "1" }));
        Assert.Equal("", CatalogTable.Pairs(null));
    }

    [Fact]
    public void NodeRows_IdWithoutDash_KeptWhole()
    {
        var rows = CatalogTable.NodeRows([new CatalogNode { Node = "n", ID = "abc" }], detailed: false);
        Assert.Equal("abc", rows[1][1]);
    }
}
