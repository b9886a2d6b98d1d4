using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Operator;

public sealed class RaftListPeersCommandTests
{
    private const string Configuration = """
        {"Servers":[
          {"ID":"id-1","Node":"srv1","Address":"10.0.0.1:8300","Leader":true,"ProtocolVersion":"3","Voter":true},
          {"ID":"id-2","Node":"srv2","Address":"10.0.0.2:8300","Leader":false,"ProtocolVersion":"3","Voter":true}
        ],"Index":22}
        """;

    [Fact]
    public async Task Run_WithAutopilotHealth_PrintsCommitColumns()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, path) => path.StartsWith("/v1/operator/raft", StringComparison.Ordinal)
            ? Configuration
            : """{"Healthy":true,"Servers":[{"ID":"id-1","Name":"srv1","Address":"10.0.0.1:8300","LastIndex":30},{"ID":"id-2","Name":"srv2","Address":"10.0.0.2:8300","LastIndex":27}]}""");
        var run = await CliRun.AgainstAsync(agent, "operator", "raft", "list-peers");
        Assert.Equal(0, run.ExitCode);
        var expected =
            "Node  ID    Address        State     Voter  RaftProtocol  Commit Index  Trails Leader By\n" +
            "srv1  id-1  10.0.0.1:8300  leader    true   3             30            _\n" +
            "srv2  id-2  10.0.0.2:8300  follower  true   3             27            3 Commits\n";
        Assert.Equal(expected, run.Out);
    }

    [Fact]
    public async Task Run_WithoutAutopilotHealth_PrintsPeersWithPlaceholder()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, path) =>
            path.StartsWith("/v1/operator/raft", StringComparison.Ordinal) ? Configuration : null);
        var run = await CliRun.AgainstAsync(agent, "operator", "raft", "list-peers", "-stale");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("srv1  id-1  10.0.0.1:8300  leader    true   3             _", lines[1]);
        Assert.Equal("/v1/operator/raft/configuration?stale", agent.Requests.First().PathAndQuery);
    }

    [Fact]
    public async Task Run_UnhealthyCluster_StillPrintsCommitColumnsFrom429Body()
    {
        await using var agent = await FakeAgent.StartAsync(async (context, _) =>
        {
            var raft = context.Request.Path.StartsWithSegments("/v1/operator/raft", StringComparison.Ordinal);
            context.Response.StatusCode = raft ? 200 : 429;
            context.Response.ContentType = "application/json";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, raft
                ? Configuration
                : """{"Healthy":false,"Servers":[{"ID":"id-1","Name":"srv1","Address":"10.0.0.1:8300","LastIndex":30},{"ID":"id-2","Name":"srv2","Address":"10.0.0.2:8300","Healthy":false,"LastIndex":29}]}""");
        });
        var run = await CliRun.AgainstAsync(agent, "operator", "raft", "list-peers");
        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("srv2  id-2  10.0.0.2:8300  follower  true   3             29            1 Commit\n", run.Out);
    }

    [Fact]
    public async Task Run_ConfigurationFails_ReportsError()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "operator", "raft", "list-peers");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error getting peers: Failed to retrieve raft configuration: Unexpected response code: 404", run.Error);
    }
}
