using System.Net;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Agent;

/// <summary>
/// <c>/v1/agent/monitor</c> and <c>trellis monitor</c> against real agents: lines arrive as they are logged, in text
/// or JSON, below the agent's own log level when asked, and the CLI reports the agent going away as Consul does.
/// </summary>
public sealed class AgentMonitorTests(ITestOutputHelper output)
{
    private static async Task<List<string>> ReadLinesUntilAsync(HttpClient http, string query, Func<string, bool> done, Func<Task> trigger)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/agent/monitor" + query);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bound.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(bound.Token));

        // The stream is open (headers came back) before anything is logged: the trigger's lines must arrive.
        await trigger();
        var lines = new List<string>();
        while (await reader.ReadLineAsync(bound.Token) is { } line)
        {
            lines.Add(line);
            if (done(line))
            {
                return lines;
            }
        }

        return lines;
    }

    [Fact]
    public async Task Endpoint_TextAndJson_StreamLinesAsTheyAreLogged()
    {
        await using var agent = await TrellisAgent.StartAsync(AgentOptions.DevMode());
        using var http = agent.CreateHttpClient();

        var text = await ReadLinesUntilAsync(http, "?loglevel=info", l => l.Contains("Configuration reloaded", StringComparison.Ordinal),
            async () => Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/agent/reload", "")).Status));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[INFO\]  Trellis\.Agent: Configuration reloaded", text[^1]);

        var json = await ReadLinesUntilAsync(http, "?loglevel=INFO&logjson", l => l.Contains("Configuration reloaded", StringComparison.Ordinal),
            async () => Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/agent/reload", "")).Status));
        using var doc = JsonDocument.Parse(json[^1]);
        Assert.Equal("info", doc.RootElement.GetProperty("@level").GetString());
        Assert.Equal("Trellis.Agent", doc.RootElement.GetProperty("@module").GetString());
        Assert.StartsWith("Configuration reloaded", doc.RootElement.GetProperty("@message").GetString(), StringComparison.Ordinal);
        Assert.True(doc.RootElement.TryGetProperty("@timestamp", out _));
    }

    [Fact]
    public async Task Endpoint_LevelBelowTheAgentsOwn_IsStreamed_AndAboveFiltersOut()
    {
        // The agent logs at error only; a monitor at info still sees info lines, a monitor at error does not.
        await using var agent = await TrellisAgent.StartAsync(AgentOptions.DevMode() with { ExtraArgs = ["-log-level=error"] });
        using var http = agent.CreateHttpClient();

        var info = await ReadLinesUntilAsync(http, "?loglevel=info", l => l.Contains("Configuration reloaded", StringComparison.Ordinal),
            async () => Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/agent/reload", "")).Status));
        Assert.Contains(info, l => l.Contains("[INFO]", StringComparison.Ordinal));
        Assert.DoesNotContain(agent.Log.Since(0), l => l.Contains("Configuration reloaded", StringComparison.Ordinal));

        var bad = await http.GetReplyAsync("v1/agent/monitor?loglevel=loud");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("Unknown log level: loud", bad.Body.Trim());
    }

    [Fact]
    public async Task Cli_StreamsUntilTheAgentStops_ThenReportsTheRemoteEnd()
    {
        await using var agent = await TrellisAgent.StartAsync(AgentOptions.DevMode());
        using var http = agent.CreateHttpClient();
        using var monitor = new TrellisCliProcess("monitor", "-http-addr=" + agent.HttpAddr, "-log-level=info");

        // Reload until the monitor prints the line (it needs a moment to start and connect).
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            await http.PutReplyAsync("v1/agent/reload", "");
            return monitor.Lines.Any(l => l.Contains("Configuration reloaded", StringComparison.Ordinal));
        }), "the monitor printed no reload line: " + await monitor.ErrorsAsync());

        await agent.StopAsync();
        await monitor.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var printed = string.Join("\n", monitor.Lines);
        output.WriteLine(printed);
        Assert.Equal(1, monitor.ExitCode);
        Assert.EndsWith("\nRemote side ended the monitor! This usually means that the\nremote side has exited or crashed.", printed, StringComparison.Ordinal);
    }
}
