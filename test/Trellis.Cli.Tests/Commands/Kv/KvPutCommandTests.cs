using System.Text;
using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Kv;

public sealed class KvPutCommandTests
{
    [Fact]
    public async Task Run_KeyAndValue_WritesAndReportsSuccess()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "true");
        var run = await CliRun.AgainstAsync(agent, "kv", "put", "-flags=3", "foo", "bar");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Success! Data written to: foo\n", run.Out);
        var request = Assert.Single(agent.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/v1/kv/foo?flags=3", request.PathAndQuery);
        Assert.Equal("bar", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task Run_DashValue_ReadsStdin()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "true");
        var run = await CliRun.RunAsync(["kv", "put", "foo", "-"],
            new Dictionary<string, string> { ["CONSUL_HTTP_ADDR"] = agent.Address }, stdin: "from stdin");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("from stdin", Encoding.UTF8.GetString(Assert.Single(agent.Requests).Body));
    }

    [Fact]
    public async Task Run_AtFile_ReadsFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "file data");
            await using var agent = await FakeAgent.StartJsonAsync((_, _) => "true");
            var run = await CliRun.AgainstAsync(agent, "kv", "put", "foo", "@" + path);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal("file data", Encoding.UTF8.GetString(Assert.Single(agent.Requests).Body));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Run_MissingFile_ReportsReadError()
    {
        var run = await CliRun.RunAsync(["kv", "put", "foo", "@/nonexistent/file"]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error! Failed to read file: ", run.Error);
    }

    [Fact]
    public async Task Run_Base64_DecodesBeforeWriting()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "true");
        var run = await CliRun.AgainstAsync(agent, "kv", "put", "-base64", "foo", "aGk=");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hi", Encoding.UTF8.GetString(Assert.Single(agent.Requests).Body));
    }

    [Fact]
    public async Task Run_CasWithoutModifyIndex_Fails()
    {
        var run = await CliRun.RunAsync(["kv", "put", "-cas", "foo", "bar"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Must specify -modify-index with -cas!\n", run.Error);
    }

    [Fact]
    public async Task Run_CasRejected_ReportsCasFailed()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "false");
        var run = await CliRun.AgainstAsync(agent, "kv", "put", "-cas", "-modify-index", "12", "foo", "bar");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error! Did not write to foo: CAS failed\n", run.Error);
        Assert.Equal("/v1/kv/foo?cas=12", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Run_AcquireWithoutSession_Fails()
    {
        var run = await CliRun.RunAsync(["kv", "put", "-acquire", "foo"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error! Missing -session (required with -acquire and -release)\n", run.Error);
    }

    [Fact]
    public async Task Run_Acquire_SendsSessionAndReportsLock()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "true");
        var run = await CliRun.AgainstAsync(agent, "kv", "put", "-acquire", "-session=abc", "foo");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Success! Lock acquired on: foo\n", run.Out);
        Assert.Equal("/v1/kv/foo?acquire=abc", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Run_ReleaseRejected_ReportsNotReleased()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "false");
        var run = await CliRun.AgainstAsync(agent, "kv", "put", "-release", "-session", "abc", "foo");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error! Did not release lock\n", run.Error);
    }

    [Fact]
    public async Task Run_NoArguments_ReportsMissingKey()
    {
        var run = await CliRun.RunAsync(["kv", "put"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error! Missing KEY argument\n", run.Error);
    }

    [Fact]
    public async Task Run_ThreeArguments_ReportsTooMany()
    {
        var run = await CliRun.RunAsync(["kv", "put", "a", "b", "c"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error! Too many arguments (expected 1 or 2, got 3)\n", run.Error);
    }
}
