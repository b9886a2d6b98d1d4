using System.Text;
using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Kv;

public sealed class KvExportImportCommandTests
{
    [Fact]
    public async Task Export_Prefix_PrintsTabIndentedConsulJson()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) =>
            """[{"Key":"a/1","Flags":7,"Value":"eA==","CreateIndex":1,"ModifyIndex":1}]""");
        var run = await CliRun.AgainstAsync(agent, "kv", "export", "a");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[\n\t{\n\t\t\"key\": \"a/1\",\n\t\t\"flags\": 7,\n\t\t\"value\": \"eA==\"\n\t}\n]\n", run.Out);
        Assert.Equal("/v1/kv/a?recurse", Assert.Single(agent.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Export_NothingThere_PrintsEmptyArray()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "kv", "export");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[]\n", run.Out);
    }

    [Fact]
    public async Task Import_FromStdin_PutsEachEntry()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "true");
        var json = """[{"key":"a","flags":2,"value":"eA=="},{"key":"b","flags":0,"value":""}]""";
        var run = await CliRun.RunAsync(["kv", "import", "-"],
            new Dictionary<string, string> { ["CONSUL_HTTP_ADDR"] = agent.Address }, stdin: json);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Imported: a\nImported: b\n", run.Out);
        var requests = agent.Requests.ToArray();
        Assert.Equal("/v1/kv/a?flags=2", requests[0].PathAndQuery);
        Assert.Equal("x", Encoding.UTF8.GetString(requests[0].Body));
        Assert.Equal("/v1/kv/b", requests[1].PathAndQuery);
    }

    [Fact]
    public async Task Import_MissingData_Fails()
    {
        var run = await CliRun.RunAsync(["kv", "import"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error! Missing DATA argument\n", run.Error);
    }

    [Fact]
    public async Task Import_BadJson_ReportsUnmarshal()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "true");
        var run = await CliRun.AgainstAsync(agent, "kv", "import", "{not json");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Cannot unmarshal data: ", run.Error);
        Assert.Empty(agent.Requests);
    }
}
