using System.Net;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Cli;

/// <summary><c>trellis catalog</c>, <c>validate</c> and <c>watch</c> as separate processes against a real dev agent.</summary>
public sealed class CliCatalogTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CatalogDatacenters_DevAgent_PrintsDc1()
    {
        var run = await Agent.RunCliAsync(["catalog", "datacenters"], []);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["dc1"], Lines(run.StdOut));
    }

    [Fact]
    public async Task CatalogNodes_RegisteredNodes_ListedWithServiceAndMetaFilters()
    {
        var node = await RegisterExternalAsync("redis", ["primary"], "r9");

        var all = await Agent.RunCliAsync(["catalog", "nodes"], []);
        Assert.True(all.ExitCode == 0, all.ToString());
        var lines = Lines(all.StdOut);
        Assert.Equal(["Node", "ID", "Address", "DC"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(lines, l => l.StartsWith(Agent.NodeName + " ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(node + " ", StringComparison.Ordinal) && l.Contains("10.9.9.9", StringComparison.Ordinal));

        var byService = await Agent.RunCliAsync(["catalog", "nodes"], [$"-service={node}-redis"]);
        Assert.True(byService.ExitCode == 0, byService.ToString());
        Assert.Equal([node, "10.9.9.9", "dc1"], Lines(byService.StdOut)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var byMeta = await Agent.RunCliAsync(["catalog", "nodes"], [$"-node-meta=rack={node}-r9", "-detailed"]);
        Assert.True(byMeta.ExitCode == 0, byMeta.ToString());
        var metaLines = Lines(byMeta.StdOut);
        Assert.Equal(2, metaLines.Count);
        Assert.Contains("TaggedAddresses", metaLines[0], StringComparison.Ordinal);
        Assert.Contains($"rack={node}-r9", metaLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatalogNodes_MalformedFilter_ExitsOneWithAgentError()
    {
        var run = await Agent.RunCliAsync(["catalog", "nodes"], ["-filter=Node =="]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("Error listing nodes: Unexpected response code: 400", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatalogNodes_NoMatch_ExitsZeroWithMessage()
    {
        var run = await Agent.RunCliAsync(["catalog", "nodes"], ["-node-meta=rack=nowhere-" + Guid.NewGuid().ToString("N")]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.StdOut);
        Assert.Contains("No nodes match the given query - try expanding your search.", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatalogServices_RegisteredService_ListedWithTagsAndByNode()
    {
        var node = await RegisterExternalAsync("cache", ["v2", "v1"], "r1");
        var service = $"{node}-cache";

        var names = await Agent.RunCliAsync(["catalog", "services"], []);
        Assert.True(names.ExitCode == 0, names.ToString());
        Assert.Contains("consul", Lines(names.StdOut));
        Assert.Contains(service, Lines(names.StdOut));

        var tags = await Agent.RunCliAsync(["catalog", "services"], ["-tags"]);
        Assert.True(tags.ExitCode == 0, tags.ToString());
        var row = Assert.Single(Lines(tags.StdOut), l => l.StartsWith(service + " ", StringComparison.Ordinal));
        Assert.EndsWith("v1,v2", row, StringComparison.Ordinal);

        var byNode = await Agent.RunCliAsync(["catalog", "services"], [$"-node={node}"]);
        Assert.True(byNode.ExitCode == 0, byNode.ToString());
        Assert.Equal([service], Lines(byNode.StdOut));
    }

    [Fact]
    public async Task Validate_GoodAndBadFiles_ExitCodesAndMessages()
    {
        var good = Path.Combine(Agent.ScratchDir, $"good-{Guid.NewGuid():N}.hcl");
        await File.WriteAllTextAsync(good, "datacenter = \"east\"\nserver = true\nports { http = 9500 }\n");
        var bad = Path.Combine(Agent.ScratchDir, $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bad, """{"server": true, "bootstrap": "yes"}""");

        var ok = await ProcessRunner.RunTrellisAsync(["validate", good], CliTimeout);
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal(["Configuration is valid!"], Lines(ok.StdOut));

        var failed = await ProcessRunner.RunTrellisAsync(["validate", good, bad], CliTimeout);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.StartsWith("Config validation failed: ", failed.StdErr, StringComparison.Ordinal);
        Assert.Contains("bootstrap", failed.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchKey_NoHandler_PrintsCurrentEntryAsJson()
    {
        var key = $"{Prefix}/watched";
        await Http.PutReplyAsync($"v1/kv/{key}", "v1");

        var run = await Agent.RunCliAsync(["watch"], ["-type=key", $"-key={key}"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.Equal(key, json.RootElement.GetProperty("Key").GetString());
        Assert.Equal("djE=", json.RootElement.GetProperty("Value").GetString());
    }

    [Fact]
    public async Task WatchKey_Handler_RunsAgainWithTheChangedValue()
    {
        var key = $"{Prefix}/changing";
        await Http.PutReplyAsync($"v1/kv/{key}", "first");
        var seen = Path.Combine(Agent.ScratchDir, $"watch-{Guid.NewGuid():N}.txt");
        // Each run appends CONSUL_INDEX and the JSON it got; the second run fails on purpose so the watch ends.
        var script = $"{{ echo \"$CONSUL_INDEX\"; cat; }} >> '{seen}'; [ $(wc -l < '{seen}') -lt 4 ]";
        var watch = Agent.RunCliAsync(["watch"], ["-type=key", $"-key={key}", script], TimeSpan.FromSeconds(90));

        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!File.Exists(seen) || (await File.ReadAllLinesAsync(seen, wait.Token)).Length < 2)
            {
                Assert.False(watch.IsCompleted, "watch ended before its first handler run");
                await Task.Delay(100, wait.Token);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await Http.PutReplyAsync($"v1/kv/{key}", "second")).Status);
        var run = await watch;

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Error executing handler: exit status 1", run.StdErr, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(seen);
        Assert.Equal(4, lines.Length);
        using var first = JsonDocument.Parse(lines[1]);
        using var second = JsonDocument.Parse(lines[3]);
        Assert.Equal("Zmlyc3Q=", first.RootElement.GetProperty("Value").GetString());
        Assert.Equal("c2Vjb25k", second.RootElement.GetProperty("Value").GetString());
        Assert.True(ulong.Parse(lines[2], System.Globalization.CultureInfo.InvariantCulture) >
                    ulong.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WatchServices_NoHandler_PrintsServiceMap()
    {
        var run = await Agent.RunCliAsync(["watch"], ["-type=services"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.True(json.RootElement.TryGetProperty("consul", out _), run.StdOut);
    }

    private async Task<string> RegisterExternalAsync(string service, string[] tags, string rack)
    {
        var node = "ext-" + Guid.NewGuid().ToString("N")[..8];
        var reply = await Http.PutJsonAsync("v1/catalog/register", new
        {
            Node = node,
            Address = "10.9.9.9",
            NodeMeta = new Dictionary<string, string> { ["rack"] = $"{node}-{rack}" },
            Service = new { Service = $"{node}-{service}", Tags = tags, Port = 6379 },
        });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
        return node;
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
}
