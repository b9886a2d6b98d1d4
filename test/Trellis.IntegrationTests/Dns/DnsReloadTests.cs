using System.Net;
using Trellis.IntegrationTests.Agent;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Dns;

/// <summary>
/// <c>dns_config</c> reloads without a restart, as in Consul: a changed file applied by <c>/v1/agent/reload</c> and
/// by SIGHUP changes the answers of a running agent (asked with dig), and a broken file changes nothing.
/// </summary>
public sealed class DnsReloadTests(ITestOutputHelper output)
{
    private static string DnsConfig(string nodeTtl, bool onlyPassing) => $$"""
        dns_config {
          node_ttl     = "{{nodeTtl}}"
          only_passing = {{(onlyPassing ? "true" : "false")}}
        }
        """;

    [Fact]
    public async Task DnsConfig_ChangedFile_AppliedByReloadEndpointAndSighup()
    {
        var options = AgentOptions.DevMode() with { ConfigFiles = new Dictionary<string, string> { ["dns.hcl"] = DnsConfig("5s", onlyPassing: false) } };
        await OwnAgent.RunAsync(options, output, async (agent, http) =>
        {
            var path = Path.Combine(agent.ScratchDir, "config", "dns.hcl");
            foreach (var (node, status) in new[] { ("r1", "passing"), ("r2", "warning") })
            {
                var reply = await http.PutJsonAsync("v1/catalog/register", new
                {
                    Node = node,
                    Address = node == "r1" ? "10.60.0.1" : "10.60.0.2",
                    Service = new { ID = "rel-" + node, Service = "rel", Port = 80 },
                    Check = new { CheckID = "chk-" + node, Name = "chk", Status = status, ServiceID = "rel-" + node },
                });
                Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            }

            Assert.Equal("5", Assert.Single((await Dig.QueryAsync(agent, "r1.node.consul", "A")).Section("ANSWER"))[1]);
            Assert.Equal(2, (await Dig.QueryAsync(agent, "rel.service.consul", "A")).Section("ANSWER").Count);

            // /v1/agent/reload: applied when the request returns.
            await File.WriteAllTextAsync(path, DnsConfig("30s", onlyPassing: false));
            var reload = await http.PutReplyAsync("v1/agent/reload", "");
            Assert.True(reload.Status == HttpStatusCode.OK, reload.ToString());
            Assert.Equal("30", Assert.Single((await Dig.QueryAsync(agent, "r1.node.consul", "A")).Section("ANSWER"))[1]);

            // A broken file: 400, and the answers keep the last good settings.
            await File.WriteAllTextAsync(path, """dns_config { node_ttl = "soon" }""");
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PutReplyAsync("v1/agent/reload", "")).Status);
            Assert.Equal("30", Assert.Single((await Dig.QueryAsync(agent, "r1.node.consul", "A")).Section("ANSWER"))[1]);

            // SIGHUP: only_passing drops the instance whose check warns.
            await File.WriteAllTextAsync(path, DnsConfig("30s", onlyPassing: true));
            agent.Hangup();
            Assert.True(
                await Eventually.HoldsAsync(async () => (await Dig.QueryAsync(agent, "rel.service.consul", "A")).Section("ANSWER").Count == 1),
                "SIGHUP did not apply dns_config.only_passing");
            Assert.Equal("10.60.0.1", Assert.Single((await Dig.QueryAsync(agent, "rel.service.consul", "A")).Section("ANSWER"))[^1]);
        });
    }
}
