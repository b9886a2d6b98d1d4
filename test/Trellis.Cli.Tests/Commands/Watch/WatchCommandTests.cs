using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Trellis.Cli.Commands.Watch;
using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Watch;

public sealed class WatchCommandTests : IDisposable
{
    private static readonly IReadOnlyList<string> TagList = ["a", "b"];

    private const string Self = """{"Config":{"NodeName":"node-1"},"Member":{}}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("trellis-cli-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(new[] { "-type=bogus" }, "Unsupported watch type: bogus")]
    [InlineData(new[] { "-type=key" }, "Must specify a single key to watch")]
    [InlineData(new[] { "-type=keyprefix" }, "Must specify a single prefix to watch")]
    [InlineData(new[] { "-type=service" }, "Must specify a single service to watch")]
    [InlineData(new[] { "-type=services", "-key=a" }, "Invalid parameters: [key]")]
    [InlineData(new[] { "-type=checks", "-service=web", "-state=critical" }, "Cannot specify service and state")]
    [InlineData(new[] { "-type=event", "-stale" }, "Invalid parameters: [stale]")]
    [InlineData(new[] { "-type=service", "-service=web", "-passingonly=maybe" }, "Failed to parse passingonly flag: strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    public async Task Run_BadSpecification_FailsWithConsulMessage(string[] flags, string message)
    {
        var run = await CliRun.RunAsync(["watch", .. flags]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(message + "\n", run.Error);
    }

    [Fact]
    public async Task Run_NoType_FailsWithUsage()
    {
        var run = await CliRun.RunAsync(["watch"]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Watch type must be specified\n\nUsage: trellis watch", run.Error);
    }

    [Fact]
    public async Task Run_KeyWithoutHandler_PrintsIndentedEntryAndExits()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, path) => path.StartsWith("/v1/agent/self", StringComparison.Ordinal)
            ? Self
            : """[{"LockIndex":0,"Key":"app/cfg","Flags":0,"Value":"aGk=","CreateIndex":5,"ModifyIndex":9}]""");
        var run = await CliRun.AgainstAsync(agent, "watch", "-type=key", "-key=app/cfg");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("{\n    \"", run.Out);
        using var printed = JsonDocument.Parse(run.Out);
        Assert.Equal(("app/cfg", "aGk=", 9UL), (printed.RootElement.GetProperty("Key").GetString(),
            printed.RootElement.GetProperty("Value").GetString(), printed.RootElement.GetProperty("ModifyIndex").GetUInt64()));
        Assert.Equal("/v1/kv/app/cfg", agent.Requests.Last().PathAndQuery);
    }

    [Fact]
    public async Task Run_MissingKeyWithoutHandler_PrintsNull()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, path) => path.StartsWith("/v1/agent/self", StringComparison.Ordinal) ? Self : null);
        var run = await CliRun.AgainstAsync(agent, "watch", "-type=key", "-key=nope");
        Assert.Equal((0, "null\n"), (run.ExitCode, run.Out));
    }

    [Fact]
    public async Task Run_ServiceWatch_SendsTagPassingAndStale()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, path) => path.StartsWith("/v1/agent/self", StringComparison.Ordinal) ? Self : "[]");
        var run = await CliRun.AgainstAsync(agent, "watch", "-type=service", "-service=web", "-tag=v1", "-passingonly=true", "-stale");
        Assert.Equal((0, "[]\n"), (run.ExitCode, run.Out));
        Assert.Equal("/v1/health/service/web?stale&tag=v1&passing", agent.Requests.Last().PathAndQuery);
    }

    [Fact]
    public async Task Run_AgentUnreachable_FailsBeforeWatching()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "watch", "-type=nodes");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error querying Consul agent: Unexpected response code: 404", run.Error);
    }

    [Fact]
    public async Task Run_Handler_RunsOnChangesOnlyWithIndexAndJsonOnStdin()
    {
        // Index 5 "a", then index 6 with the same content (no handler run), then index 7 "b".
        var answers = new Queue<(string Index, string Body)>([
            ("5", """{"web":["a"]}"""),
            ("6", """{"web":["a"]}"""),
            ("7", """{"web":["b"]}"""),
        ]);
        var queries = new List<string>();
        await using var agent = await FakeAgent.StartAsync(async (context, _) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1/agent/self"))
            {
                await context.Response.WriteAsync(Self);
                return;
            }

            queries.Add(context.Request.QueryString.Value ?? "");
            var (index, body) = answers.Count > 1 ? answers.Dequeue() : answers.Peek();
            context.Response.Headers["X-Consul-Index"] = index;
            await context.Response.WriteAsync(body);
        });
        var output = Path.Combine(_dir, "seen.txt");
        // The handler records CONSUL_INDEX and its input; its second run fails on purpose so that the watch ends.
        var script = $"{{ echo \"$CONSUL_INDEX\"; cat; }} >> '{output}'; [ $(wc -l < '{output}') -lt 4 ]";
        var run = await CliRun.AgainstAsync(agent, "watch", "-type=services", script);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error executing handler: exit status 1\n", run.Error);
        Assert.Equal(["5", """{"web":["a"]}""", "7", """{"web":["b"]}"""], File.ReadAllLines(output));
        Assert.Equal(["", "?index=5", "?index=6"], queries);
    }

    [Fact]
    public async Task Run_HandlerWithoutShell_ExecutesArgumentsDirectly()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, path) => path.StartsWith("/v1/agent/self", StringComparison.Ordinal) ? Self : "[]");
        var run = await CliRun.AgainstAsync(agent, "watch", "-type=nodes", "-shell=false", "/bin/sh", "-c", "cat; exit 2");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("[]\n", run.Out);
        Assert.Equal("Error executing handler: exit status 2\n", run.Error);
    }

    [Fact]
    public void Indent_Compact_UsesFourSpaces()
    {
        Assert.Equal("{\n    \"a\": [\n        1\n    ]\n}", WatchJson.Indent("""{"a":[1]}""").Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TagList_ConsumedForChecks()
    {
        var plan = WatchPlan.Parse(new WatchParameters().Set("type", "checks").Set("tag", TagList).Set("datacenter", "dc2"));
        Assert.Equal(("checks", "dc2"), (plan.Type, plan.Datacenter));
    }
}
