using System.Text.Json;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.CompatTests;

/// <summary>
/// The npm package <c>consul</c> (pinned in js/package.json) against a real Trellis agent. Each scenario is a
/// node script that checks its own expectations and prints every observation as JSON; these tests run it with a
/// bounded wait and assert on both its exit code and the observations.
/// </summary>
public sealed class NodeConsulClientTests(NodeConsulFixture fixture, ITestOutputHelper output) : IClassFixture<NodeConsulFixture>
{
    [Fact]
    public async Task Kv_SetGetKeysDelWithCas_BehavesAsConsul()
    {
        var results = await RunScriptAsync("kv.js");

        Assert.True(results.GetProperty("setA").GetBoolean());
        Assert.Equal("hello", results.GetProperty("getA").GetProperty("Value").GetString());
        Assert.Equal(42, results.GetProperty("flagsB").GetInt32());
        Assert.True(results.GetProperty("missing").GetBoolean());
        Assert.Equal(2, results.GetProperty("keys").GetArrayLength());
        Assert.EndsWith("/dir/", results.GetProperty("keysSeparator")[1].GetString(), StringComparison.Ordinal);
        Assert.NotEqual("true", results.GetProperty("casCreateExisting").GetString());
        Assert.NotEqual("true", results.GetProperty("casStale").GetString());
        Assert.Equal("hello", results.GetProperty("afterFailedCas").GetString());
        Assert.True(results.GetProperty("casCurrent").GetBoolean());
        Assert.Equal("updated", results.GetProperty("afterCas").GetString());
        Assert.NotEqual("true", results.GetProperty("delCasStale").GetString());
        Assert.True(results.GetProperty("afterFailedDelete").GetBoolean());
        Assert.True(results.GetProperty("delCasCurrent").GetBoolean());
        Assert.True(results.GetProperty("afterDelete").GetBoolean());
    }

    [Fact]
    public async Task Session_CreateInfoLockReleaseDestroy_BehavesAsConsul()
    {
        var results = await RunScriptAsync("session.js");

        Assert.Equal(fixture.Agent.NodeName, results.GetProperty("info").GetProperty("Node").GetString());
        Assert.Equal("30s", results.GetProperty("info").GetProperty("TTL").GetString());
        Assert.Equal(1_000_000_000L, results.GetProperty("info").GetProperty("LockDelay").GetInt64());
        Assert.True(results.GetProperty("renewed").GetBoolean());
        Assert.True(results.GetProperty("acquireFirst").GetBoolean());
        Assert.NotEqual("true", results.GetProperty("acquireSecondWhileHeld").GetString());
        Assert.Equal("first", results.GetProperty("holder").GetString());
        Assert.True(results.GetProperty("releaseFirst").GetBoolean());
        Assert.True(results.GetProperty("acquireSecondAfterRelease").GetBoolean());
        Assert.True(results.GetProperty("infoAfterDestroy").GetBoolean());
        Assert.Equal(JsonValueKind.Null, results.GetProperty("sessionAfterDestroy").ValueKind);
    }

    [Fact]
    public async Task Txn_AppliedAndConflicting_BehavesAsConsul()
    {
        var results = await RunScriptAsync("txn.js");

        Assert.Equal(3, results.GetProperty("okResults").GetInt32());
        Assert.Equal("1", results.GetProperty("okGet").GetString());
        Assert.Equal(409, results.GetProperty("conflictStatus").GetInt32());
        Assert.True(results.GetProperty("zAbsent").GetBoolean());
        Assert.Equal("Node,Service,Check", results.GetProperty("catalogResults").GetString());
        Assert.EndsWith("-node", results.GetProperty("healthyNode").GetString(), StringComparison.Ordinal);
        Assert.True(results.GetProperty("nodeGone").GetBoolean());
    }

    [Fact]
    public async Task Catalog_RegisterReadFilterDeregister_BehavesAsConsul()
    {
        var results = await RunScriptAsync("catalog.js");

        Assert.Equal(["dc1"], results.GetProperty("datacenters").EnumerateArray().Select(d => d.GetString()));
        Assert.True(results.GetProperty("nodeListed").GetBoolean());
        Assert.Equal(8080, results.GetProperty("nodeServicesPort").GetInt32());
        Assert.Equal(["alive", "web-http"], results.GetProperty("nodeChecks").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, results.GetProperty("passingCount").GetInt32());
        Assert.True(results.GetProperty("criticalHasOurs").GetBoolean());
        Assert.Equal(["alive"], results.GetProperty("afterServiceDeregister").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, results.GetProperty("afterNodeDeregister").GetInt32());
    }

    [Fact]
    public async Task AgentService_RegisterWithChecksReadBackThroughHealth_BehavesAsConsul()
    {
        var results = await RunScriptAsync("agent.js");

        Assert.Equal("critical", results.GetProperty("ttlInitial").GetString());
        Assert.Equal(1, results.GetProperty("passingCount").GetInt32());
        var checks = results.GetProperty("healthChecks").EnumerateArray().Select(c => (c[0].GetString(), c[1].GetString())).ToList();
        Assert.Contains(checks, c => c.Item1!.EndsWith("-ttl", StringComparison.Ordinal) && c.Item2 == "passing");
        Assert.Contains(checks, c => c.Item1!.EndsWith("-tcp", StringComparison.Ordinal) && c.Item2 == "passing");
        Assert.Contains(checks, c => c.Item1 == "serfHealth" && c.Item2 == "passing");
        Assert.Equal("from node", results.GetProperty("ttlOutput").GetString());
        Assert.Equal("passing", results.GetProperty("tcpStatus").GetString());
        Assert.Equal(0, results.GetProperty("passingAfterFail").GetInt32());
        Assert.Equal(0, results.GetProperty("afterDeregister").GetInt32());
        Assert.Equal(0, results.GetProperty("checksAfterDeregister").GetInt32());
        Assert.Equal("dc1", results.GetProperty("service").GetProperty("Datacenter").GetString());
    }

    private async Task<JsonElement> RunScriptAsync(string script)
    {
        var clientDir = Path.Combine(NodeConsulFixture.ScriptDir, "node_modules", "consul");
        Assert.True(
            Directory.Exists(clientDir),
            $"the npm package 'consul' is not installed in {NodeConsulFixture.ScriptDir}: run scripts/install-test-deps.sh (needs node and npm)");

        var mark = fixture.Agent.Log.Mark();
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(
                "node",
                [Path.Combine(NodeConsulFixture.ScriptDir, script)],
                TimeSpan.FromSeconds(60),
                NodeConsulFixture.ScriptDir,
                new Dictionary<string, string>
                {
                    ["TRELLIS_HTTP_ADDR"] = fixture.Agent.HttpAddr,
                    ["TRELLIS_PREFIX"] = $"compat/{Path.GetFileNameWithoutExtension(script)}/{Guid.NewGuid():N}",
                });
        }
        finally
        {
            foreach (var line in fixture.Agent.Log.Since(mark))
            {
                output.WriteLine(line);
            }
        }

        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        var last = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        using var doc = JsonDocument.Parse(last);
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean(), result.ToString());
        return doc.RootElement.GetProperty("results").Clone();
    }
}
