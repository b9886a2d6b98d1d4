// Request bodies are anonymous objects with literal tag arrays, built once per test.
#pragma warning disable CA1861

using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Catalog;

/// <summary>Catalog registrations survive kill -9 and a restart on the same data dir.</summary>
public sealed class CatalogDurabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Registrations_KillDashNineAndRestart_AreStillThere()
    {
        await using var agent = await TrellisAgent.StartAsync(AgentOptions.ServerBootstrap());
        try
        {
            using var http = agent.CreateHttpClient(TimeSpan.FromSeconds(10));
            for (var i = 0; i < 20; i++)
            {
                var reply = await http.PutJsonAsync("v1/catalog/register", new
                {
                    Node = $"durable-{i:D2}", Address = $"10.9.0.{i + 1}",
                    Service = new { Service = "durable-svc", Tags = new[] { $"t{i}" }, Port = 1000 + i },
                    Check = new { Name = "alive", Status = i % 2 == 0 ? "passing" : "critical", ServiceID = "durable-svc" },
                });
                Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            }

            await http.PutJsonAsync("v1/catalog/deregister", new { Node = "durable-05" });
            var before = (await http.GetReplyAsync("v1/health/service/durable-svc")).Body;

            agent.Kill();
            await agent.RestartAsync();

            var after = await http.GetReplyAsync("v1/health/service/durable-svc");
            Assert.Equal(before, after.Body);
            var entries = after.Json().EnumerateArray().ToList();
            Assert.Equal(19, entries.Count);
            Assert.DoesNotContain(entries, e => e.GetProperty("Node").GetProperty("Node").GetString() == "durable-05");
            Assert.Equal(10, (await http.GetReplyAsync("v1/health/service/durable-svc?passing")).Json().GetArrayLength());
            Assert.Contains((await http.GetReplyAsync("v1/catalog/nodes")).Json().EnumerateArray(),
                n => n.GetProperty("Node").GetString() == agent.NodeName);
        }
        finally
        {
            foreach (var line in agent.Log.Since(0))
            {
                output.WriteLine(line);
            }
        }
    }
}
