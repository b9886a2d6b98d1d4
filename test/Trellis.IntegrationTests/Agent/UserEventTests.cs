// Request bodies are anonymous objects with literal tag arrays, built once per test.
#pragma warning disable CA1861

using System.Net;
using System.Text;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Agent;

/// <summary>
/// /v1/event/fire and /v1/event/list, and <c>trellis event</c>, against real agents: events are received by the agent
/// whose node and services match their filters, listed with Lamport times, and wake a blocking list.
/// </summary>
public sealed class UserEventTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fire_ListedWithPayloadAndLTime_FiltersDecideWhatThisAgentReceives()
    {
        await OwnAgent.RunAsync(AgentOptions.DevMode(), output, async (agent, http) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await http.PutJsonAsync("v1/agent/service/register", new { Name = "web", Tags = new[] { "blue" }, Port = 80 })).Status);

            var fired = await http.PutReplyAsync("v1/event/fire/deploy", "v1.2");
            Assert.True(fired.Status == HttpStatusCode.OK, fired.ToString());
            Assert.Equal((1, 0UL), (fired.Json().GetProperty("Version").GetInt32(), fired.Json().GetProperty("LTime").GetUInt64()));
            Assert.True(Guid.TryParse(fired.Json().GetProperty("ID").GetString(), out _));

            Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync($"v1/event/fire/deploy?node={agent.NodeName}&service=^web$&tag=blu", "matched")).Status);
            Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/event/fire/deploy?node=^someone-else$", "not-mine")).Status);
            Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/event/fire/deploy?service=web&tag=^green$", "wrong-tag")).Status);
            Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/event/fire/other", "")).Status);

            var list = await http.GetReplyAsync("v1/event/list?name=deploy");
            var events = list.Json().EnumerateArray().ToList();
            Assert.Equal(["v1.2", "matched"], events.Select(e => Encoding.UTF8.GetString(Convert.FromBase64String(e.GetProperty("Payload").GetString()!))));
            Assert.Equal([1UL, 2UL], events.Select(e => e.GetProperty("LTime").GetUInt64()));
            Assert.Equal(Trellis.Core.Events.UserEvent.IdToIndex(events[^1].GetProperty("ID").GetString()!), list.Index);

            var all = (await http.GetReplyAsync("v1/event/list")).Json().EnumerateArray().ToList();
            Assert.Equal("other", all[^1].GetProperty("Name").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, all[^1].GetProperty("Payload").ValueKind);
        });
    }

    [Fact]
    public async Task List_Blocking_WakesOnTheNextMatchingEvent()
    {
        await OwnAgent.RunAsync(AgentOptions.DevMode(), output, async (agent, http) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/event/fire/deploy", "one")).Status);
            var index = (await http.GetReplyAsync("v1/event/list?name=deploy")).Index;

            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var blocking = http.GetReplyAsync($"v1/event/list?name=deploy&index={index}&wait=25s", bound.Token);
            await Task.Delay(300);
            Assert.False(blocking.IsCompleted);
            Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/event/fire/unrelated", "x")).Status);
            Assert.Equal(HttpStatusCode.OK, (await http.PutReplyAsync("v1/event/fire/deploy", "two")).Status);

            var woken = await blocking;
            Assert.NotEqual(index, woken.Index);
            Assert.Equal(2, woken.Json().GetArrayLength());

            // An unchanged index with a short wait comes back with the same answer when the wait ends.
            var quiet = await http.GetReplyAsync($"v1/event/list?name=deploy&index={woken.Index}&wait=1s", bound.Token);
            Assert.Equal(woken.Index, quiet.Index);
        });
    }

    [Fact]
    public async Task BadFires_ConsulTexts_AndCliFiresAndPrintsTheId()
    {
        await OwnAgent.RunAsync(AgentOptions.DevMode(), output, async (agent, http) =>
        {
            var tagOnly = await http.PutReplyAsync("v1/event/fire/x?tag=a", "");
            Assert.Equal((HttpStatusCode.BadRequest, "Cannot provide tag filter without service filter"), (tagOnly.Status, tagOnly.Body.Trim()));
            var badRegex = await http.PutReplyAsync("v1/event/fire/x?node=(", "");
            Assert.Equal(HttpStatusCode.BadRequest, badRegex.Status);
            Assert.StartsWith("Invalid node filter: ", badRegex.Body, StringComparison.Ordinal);
            var tooBig = await http.PutReplyAsync("v1/event/fire/x", new string('p', 600));
            Assert.Equal("user event exceeds configured limit of 512 bytes before encoding", tooBig.Body.Trim());

            var cli = await ProcessRunner.RunTrellisAsync(["event", "-http-addr=" + agent.HttpAddr, "-name=ship", "payload-1"], TimeSpan.FromSeconds(60));
            Assert.True(cli.ExitCode == 0, cli.ToString());
            var id = cli.StdOut.Trim()["Event ID: ".Length..];
            var listed = (await http.GetReplyAsync("v1/event/list?name=ship")).Json().EnumerateArray().Single();
            Assert.Equal(id, listed.GetProperty("ID").GetString());

            var noName = await ProcessRunner.RunTrellisAsync(["event", "-http-addr=" + agent.HttpAddr], TimeSpan.FromSeconds(60));
            Assert.Equal(1, noName.ExitCode);
            Assert.StartsWith("Event name must be specified", noName.StdErr, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task WatchTypeEvent_PrintsTheEventsWhenOneArrives()
    {
        await OwnAgent.RunAsync(AgentOptions.DevMode(), output, async (agent, http) =>
        {
            using var watch = new TrellisCliProcess("watch", "-http-addr=" + agent.HttpAddr, "-type=event", "-name=deploy");

            // Fire until the watch shows the payload (it needs a moment to start; each fire is a new event).
            var payload = Convert.ToBase64String("watched"u8.ToArray());
            Assert.True(await Eventually.HoldsAsync(async () =>
            {
                await http.PutReplyAsync("v1/event/fire/deploy", "watched");
                return watch.Lines.Any(l => l.Contains(payload, StringComparison.Ordinal));
            }), "the watch printed no event: " + string.Join("\n", watch.Lines) + await watch.ErrorsAsync());
            Assert.Contains(watch.Lines, l => l.Contains("\"Name\": \"deploy\"", StringComparison.Ordinal));
        });
    }
}
