using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Members;

public sealed class MembersCommandTests
{
    private const string Members = """
        [
          {"Name":"web1","Addr":"10.0.0.5","Port":8301,"Tags":{"role":"node","dc":"dc1","build":"1.20.2:abc","vsn":"2"},"Status":1},
          {"Name":"srv1","Addr":"10.0.0.1","Port":8301,"Tags":{"role":"consul","dc":"dc1","build":"1.20.2:abc","vsn":"2"},"Status":1},
          {"Name":"old","Addr":"::1","Port":8301,"Tags":{"role":"node","dc":"dc1","build":"1.20.2","vsn":"2"},"Status":4}
        ]
        """;

    [Fact]
    public async Task Run_Default_PrintsServersFirstInColumns()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => Members);
        var run = await CliRun.AgainstAsync(agent, "members");
        Assert.Equal(0, run.ExitCode);
        var expected =
            "Node  Address        Status  Type    Build   Protocol  DC   Partition  Segment\n" +
            "srv1  10.0.0.1:8301  alive   server  1.20.2  2         dc1  default    <all>\n" +
            "old   [::1]:8301     failed  client  1.20.2  2         dc1  default    <default>\n" +
            "web1  10.0.0.5:8301  alive   client  1.20.2  2         dc1  default    <default>\n";
        Assert.Equal(expected, run.Out);
    }

    [Fact]
    public async Task Run_StatusFilter_KeepsMatchingMembers()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => Members);
        var run = await CliRun.AgainstAsync(agent, "members", "-status=failed");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("old ", lines[1]);
    }

    [Fact]
    public async Task Run_NoMatch_Exits2WithoutOutput()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => Members);
        var run = await CliRun.AgainstAsync(agent, "members", "-status", "left");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Run_Detailed_PrintsSortedTags()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) =>
            """[{"Name":"n","Addr":"1.2.3.4","Port":1,"Tags":{"vsn":"2","dc":"dc1","role":"node"},"Status":1}]""");
        var run = await CliRun.AgainstAsync(agent, "members", "-detailed", "-wan");
        Assert.Equal("Node  Address    Status  Tags\nn     1.2.3.4:1  alive   dc=dc1,role=node,vsn=2\n", run.Out);
        Assert.Equal("/v1/agent/members?wan=1", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Run_BadRegex_Fails()
    {
        var run = await CliRun.RunAsync(["members", "-status=("]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Failed to compile status regexp: ", run.Error);
    }
}
