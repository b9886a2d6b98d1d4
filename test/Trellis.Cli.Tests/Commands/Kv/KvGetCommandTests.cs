using System.Text;
using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Kv;

public sealed class KvGetCommandTests
{
    private const string FooEntry =
        """[{"LockIndex":0,"Key":"foo","Flags":42,"Value":"YmFy","CreateIndex":5,"ModifyIndex":9}]""";

    [Fact]
    public async Task Run_NoKey_ReportsMissingKey()
    {
        var run = await CliRun.RunAsync(["kv", "get"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error! Missing KEY argument\n", run.Error);
    }

    [Fact]
    public async Task Run_TwoKeys_ReportsTooManyArguments()
    {
        var run = await CliRun.RunAsync(["kv", "get", "a", "b"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Too many arguments (expected 1, got 2)\n", run.Error);
    }

    [Fact]
    public async Task Run_ExistingKey_PrintsRawValue()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => FooEntry);
        var run = await CliRun.AgainstAsync(agent, "kv", "get", "/foo");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("bar\n", run.Out);
        Assert.Equal("/v1/kv/foo", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Run_MissingKey_ReportsNoKeyAndExits1()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "kv", "get", "foo");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error! No key exists at: foo\n", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Run_Detailed_PrintsAlignedMetadata()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => FooEntry);
        var run = await CliRun.AgainstAsync(agent, "kv", "get", "-detailed", "foo");
        Assert.Equal(0, run.ExitCode);
        var expected = new StringBuilder()
            .Append("CreateIndex      5\n")
            .Append("Flags            42\n")
            .Append("Key              foo\n")
            .Append("LockIndex        0\n")
            .Append("ModifyIndex      9\n")
            .Append("Session          -\n")
            .Append("Value            bar\n")
            .ToString();
        Assert.Equal(expected, run.Out);
    }

    [Fact]
    public async Task Run_Recurse_PrintsKeyColonValueLines()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) =>
            """[{"Key":"a/1","Value":"eA==","Flags":0},{"Key":"a/2","Value":null,"Flags":0}]""");
        var run = await CliRun.AgainstAsync(agent, "kv", "get", "-recurse", "-stale", "a");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("a/1:x\na/2:\n", run.Out);
        Assert.Equal("/v1/kv/a?stale&recurse", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Run_RecurseBase64_EncodesValues()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => """[{"Key":"a","Value":"eA==","Flags":0}]""");
        var run = await CliRun.AgainstAsync(agent, "kv", "get", "-recurse", "-base64", "a");
        Assert.Equal("a:eA==\n", run.Out);
    }

    [Fact]
    public async Task Run_Keys_PrintsNamesAndSendsSeparator()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => """["a/","b"]""");
        var run = await CliRun.AgainstAsync(agent, "kv", "get", "-keys", "-separator=/");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("a/\nb\n", run.Out);
        Assert.Equal("/v1/kv/?keys&separator=%2F", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Run_ServerError_ReportsQueryError()
    {
        await using var agent = await FakeAgent.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 500;
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "boom");
        });
        var run = await CliRun.AgainstAsync(agent, "kv", "get", "foo");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error querying Consul agent: Unexpected response code: 500 (boom)\n", run.Error);
    }

    [Fact]
    public async Task Run_TokenFlag_SendsTokenHeader()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => FooEntry);
        var run = await CliRun.RunAsync(["kv", "get", "-http-addr", agent.Address, "-token=s3cret", "foo"],
            new Dictionary<string, string> { ["CONSUL_HTTP_TOKEN"] = "from-env" });
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("s3cret", Assert.Single(agent.Requests).Token);
    }

    [Fact]
    public async Task Run_TokenFromEnvironment_TrellisNameWins()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => FooEntry);
        var run = await CliRun.RunAsync(["kv", "get", "foo"], new Dictionary<string, string>
        {
            ["TRELLIS_HTTP_ADDR"] = agent.Address,
            ["CONSUL_HTTP_ADDR"] = "127.0.0.1:1",
            ["CONSUL_HTTP_TOKEN"] = "consul-token",
            ["TRELLIS_HTTP_TOKEN"] = "trellis-token",
        });
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("trellis-token", Assert.Single(agent.Requests).Token);
    }
}
