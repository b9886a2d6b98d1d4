using System.Collections.Concurrent;
using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Durability;

/// <summary>
/// Acknowledged writes survive kill -9: a server with a data dir takes concurrent PUTs, is killed mid-stream
/// and after the stream, and must hold every write it acknowledged once restarted on the same data dir.
/// </summary>
public sealed class DurabilityTests(ITestOutputHelper output)
{
    private const int Writes = 500;
    private const int Concurrency = 16;

    [Fact]
    public async Task AcknowledgedPuts_KillDashNineDuringAndAfter_AllSurviveRestart()
    {
        await using var agent = await TrellisAgent.StartAsync(AgentOptions.ServerBootstrap());
        try
        {
            using var http = agent.CreateHttpClient(TimeSpan.FromSeconds(10));
            var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

            // Phase 1: kill -9 while writes are in flight (once half of them are acknowledged).
            var firstHalf = Enumerable.Range(0, Writes).Select(i => $"durable/{i:D4}").ToList();
            await WriteAllAsync(http, firstHalf, acknowledged, killAfter: Writes / 2, agent);
            output.WriteLine($"phase 1: {acknowledged.Count} acknowledged before/while killing");
            Assert.True(acknowledged.Count >= Writes / 2, $"only {acknowledged.Count} writes acknowledged before the kill");
            Assert.True(agent.HasExited);

            await agent.RestartAsync();
            await AssertAllPresentAsync(http, acknowledged);

            // Phase 2: every write acknowledged, then kill -9 at once.
            var secondBatch = Enumerable.Range(0, Writes).Select(i => $"durable2/{i:D4}").ToList();
            await WriteAllAsync(http, secondBatch, acknowledged, killAfter: null, agent);
            Assert.Equal(Writes, acknowledged.Keys.Count(k => k.StartsWith("durable2/", StringComparison.Ordinal)));
            agent.Kill();

            await agent.RestartAsync();
            await AssertAllPresentAsync(http, acknowledged);
        }
        finally
        {
            foreach (var line in agent.Log.Since(0))
            {
                output.WriteLine(line);
            }
        }
    }

    private static async Task WriteAllAsync(
        HttpClient http, IReadOnlyList<string> keys, ConcurrentDictionary<string, string> acknowledged, int? killAfter, TrellisAgent agent)
    {
        var next = -1;
        var killed = 0;
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        async Task WorkerAsync()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= keys.Count || Volatile.Read(ref killed) == 1)
                {
                    return;
                }

                var value = $"value-{keys[i]}-{Guid.NewGuid():N}";
                try
                {
                    var reply = await http.PutReplyAsync($"v1/kv/{keys[i]}", value, overall.Token);
                    if (reply.Status == HttpStatusCode.OK && reply.Body.Trim() == "true")
                    {
                        acknowledged[keys[i]] = value;
                    }
                    else if (killAfter is null)
                    {
                        Assert.Fail($"write of {keys[i]} not acknowledged: {reply}");
                    }
                }
                catch (HttpRequestException) when (killAfter is not null)
                {
                    // the agent was killed under us: not acknowledged, so nothing is promised
                }
                catch (TaskCanceledException) when (killAfter is not null && !overall.IsCancellationRequested)
                {
                    // timed out as the agent died: not acknowledged
                }

                if (killAfter is not null && acknowledged.Count >= killAfter && Interlocked.CompareExchange(ref killed, 1, 0) == 0)
                {
                    agent.Kill();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkerAsync)));
        if (killAfter is not null && Volatile.Read(ref killed) == 0)
        {
            agent.Kill();
        }
    }

    private static async Task AssertAllPresentAsync(HttpClient http, ConcurrentDictionary<string, string> acknowledged)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var prefix in new[] { "durable/", "durable2/" })
        {
            var reply = await http.GetReplyAsync($"v1/kv/{prefix}?recurse");
            if (reply.Status == HttpStatusCode.NotFound)
            {
                continue;
            }

            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            foreach (var entry in reply.Json().EnumerateArray())
            {
                stored[entry.GetProperty("Key").GetString()!] =
                    System.Text.Encoding.UTF8.GetString(entry.GetProperty("Value").GetBytesFromBase64());
            }
        }

        var lost = acknowledged.Where(kv => !stored.TryGetValue(kv.Key, out var value) || value != kv.Value).Select(kv => kv.Key).Order().ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged writes lost or changed: {string.Join(", ", lost.Take(20))}");
    }
}
