using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Kv;

public sealed class KvDeleteCommandTests
{
    [Fact]
    public async Task Run_Key_DeletesAndReports()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "true");
        var run = await CliRun.AgainstAsync(agent, "kv", "delete", "foo");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Success! Deleted key: foo\n", run.Out);
        var request = Assert.Single(agent.Requests);
        Assert.Equal(("DELETE", "/v1/kv/foo"), (request.Method, request.PathAndQuery));
    }

    [Fact]
    public async Task Run_Recurse_DeletesPrefix()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "true");
        var run = await CliRun.AgainstAsync(agent, "kv", "delete", "-recurse", "app");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Success! Deleted keys with prefix: app\n", run.Out);
        Assert.Equal("/v1/kv/app?recurse", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Run_CasRejected_ReportsCasFailed()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "false");
        var run = await CliRun.AgainstAsync(agent, "kv", "delete", "-cas", "-modify-index=4", "foo");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error! Did not delete key foo: CAS failed\n", run.Error);
        Assert.Equal("/v1/kv/foo?cas=4", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Theory]
    [InlineData(new[] { "kv", "delete" }, "Error! Missing KEY argument\n")]
    [InlineData(new[] { "kv", "delete", "-cas", "foo" }, "Cannot delete a key that does not exist. Provide a -modify-index greater than than 0.\n")]
    [InlineData(new[] { "kv", "delete", "-modify-index=3", "foo" }, "Cannot specify -modify-index without -cas!\n")]
    [InlineData(new[] { "kv", "delete", "-cas", "-modify-index=3", "-recurse", "foo" }, "Cannot specify both -cas and -recurse!\n")]
    public async Task Run_InvalidCombination_ReportsConsulMessage(string[] args, string expected)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(expected, run.Error);
    }
}
