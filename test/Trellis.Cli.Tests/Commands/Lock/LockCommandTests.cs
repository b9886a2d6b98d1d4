using Microsoft.AspNetCore.Http;
using Trellis.Cli.Commands.Lock;
using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Lock;

public sealed class LockCommandTests
{
    private const string Self = """{"Config":{"NodeName":"node-1"},"Member":{}}""";

    private const string LockFlags = "3304740253564472344";

    [Theory]
    [InlineData(new[] { "-n=0", "p", "true" }, "Lock holder limit must be positive")]
    [InlineData(new[] { "p" }, "Key prefix and child command must be specified")]
    [InlineData(new string[0], "Key prefix and child command must be specified")]
    [InlineData(new[] { "-timeout=-1s", "p", "true" }, "Timeout must be positive")]
    [InlineData(new[] { "-monitor-retry=-1", "p", "true" }, "Number for 'monitor-retry' must be >= 0")]
    public async Task Run_BadArguments_FailsWithConsulMessage(string[] args, string message)
    {
        var run = await CliRun.RunAsync(["lock", .. args]);
        Assert.Equal((1, message + "\n"), (run.ExitCode, run.Error));
    }

    [Fact]
    public async Task Run_UnknownFlag_FailsWithUsage()
    {
        var run = await CliRun.RunAsync(["lock", "-bogus", "p", "true"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Usage: trellis lock [options] prefix child...", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_PrintsUsageWithFlagsAndExitsZero()
    {
        var run = await CliRun.RunAsync(["lock", "-h"]);
        Assert.Equal(0, run.ExitCode);
        foreach (var flag in new[] { "-n=", "-name=", "-timeout=", "-try=", "-monitor-retry=", "-pass-stdin", "-verbose", "-child-exit-code", "-shell", "-http-addr=" })
        {
            Assert.Contains("  " + flag, run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_AgentAnswers404ToSelf_FailsQueryingAgent()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "lock", "p", "true");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error querying Consul agent: Unexpected response code: 404", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(agent.Requests, r => r.PathAndQuery.StartsWith("/v1/session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_KeyWithOtherFlags_FailsAsConflictAndDestroysSession()
    {
        await using var agent = await FakeAgent.StartJsonAsync((method, path) => path switch
        {
            _ when path.StartsWith("/v1/agent/self", StringComparison.Ordinal) => Self,
            _ when path.StartsWith("/v1/session/create", StringComparison.Ordinal) => """{"ID":"s-1"}""",
            _ when path.StartsWith("/v1/session/destroy/s-1", StringComparison.Ordinal) => "true",
            _ when path.StartsWith("/v1/kv/app/.lock", StringComparison.Ordinal) && method == "GET" =>
                """[{"LockIndex":0,"Key":"app/.lock","Flags":0,"Value":null,"CreateIndex":3,"ModifyIndex":3}]""",
            _ => null,
        });

        var run = await CliRun.AgainstAsync(agent, "lock", "/app", "true");

        Assert.Equal((1, "Lock acquisition failed: Existing key does not match lock use\n"), (run.ExitCode, run.Error));
        Assert.Contains(agent.Requests, r => r.Method == "PUT" && r.PathAndQuery == "/v1/session/destroy/s-1");
        Assert.DoesNotContain(agent.Requests, r => r.PathAndQuery.Contains("acquire", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "-child-exit-code" }, 2)]
    [InlineData(new string[0], 0)]
    public async Task Run_ChildFails_ExitsTwoOnlyWithChildExitCode(string[] flags, int expected)
    {
        await using var agent = await LockingAgentAsync();

        var run = await CliRun.AgainstAsync(agent, ["lock", .. flags, "app", "exit", "3"]);

        Assert.True(run.ExitCode == expected, run.Error);
        Assert.Contains("Error running handler: exit status 3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FreeLock_CreatesNamedSessionAcquiresWithLockFlagsAndCleansUp()
    {
        await using var agent = await LockingAgentAsync();

        var run = await CliRun.AgainstAsync(agent, "lock", "-verbose", "app", "echo", "$CONSUL_LOCK_HELD");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("true\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("Setting up lock at path: app/.lock\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("Cleanup succeeded\n", run.Out, StringComparison.Ordinal);
        var create = Assert.Single(agent.Requests, r => r.PathAndQuery == "/v1/session/create");
        using var body = System.Text.Json.JsonDocument.Parse(create.Body);
        Assert.Equal("Consul lock for 'echo $CONSUL_LOCK_HELD' at 'app'", body.RootElement.GetProperty("Name").GetString());
        Assert.Equal("15s", body.RootElement.GetProperty("TTL").GetString());
        Assert.Contains(agent.Requests, r => r.Method == "PUT" && r.PathAndQuery == $"/v1/kv/app/.lock?flags={LockFlags}&acquire=s-1");
        Assert.Contains(agent.Requests, r => r.Method == "PUT" && r.PathAndQuery == $"/v1/kv/app/.lock?flags={LockFlags}&release=s-1");
        Assert.Contains(agent.Requests, r => r.Method == "PUT" && r.PathAndQuery == "/v1/session/destroy/s-1");
        Assert.Contains(agent.Requests, r => r.Method == "DELETE" && r.PathAndQuery == "/v1/kv/app/.lock?cas=12");
    }

    [Fact]
    public async Task Run_SemaphoreWithOtherLimit_FailsWithLimitConflictAndRemovesNothingElse()
    {
        var document = Convert.ToBase64String("""{"Limit":5,"Holders":{}}"""u8.ToArray());
        await using var agent = await FakeAgent.StartJsonAsync((method, path) => path switch
        {
            _ when path.StartsWith("/v1/agent/self", StringComparison.Ordinal) => Self,
            _ when path.StartsWith("/v1/session/create", StringComparison.Ordinal) => """{"ID":"s-1"}""",
            _ when path.StartsWith("/v1/session/destroy/s-1", StringComparison.Ordinal) => "true",
            "/v1/kv/app/s-1?flags=16210313421097356768&acquire=s-1" when method == "PUT" => "true",
            "/v1/kv/app?recurse" when method == "GET" =>
                "[{\"Key\":\"app/.lock\",\"Flags\":16210313421097356768,\"Value\":\"" + document + "\",\"CreateIndex\":3,\"ModifyIndex\":3}]",
            _ => null,
        });

        var run = await CliRun.AgainstAsync(agent, "lock", "-n=2", "app", "true");

        Assert.Equal((1, "Lock acquisition failed: semaphore limit conflict (lock: 5, local: 2)\n"), (run.ExitCode, run.Error));
        Assert.Contains(agent.Requests, r => r.Method == "PUT" && r.PathAndQuery == "/v1/session/destroy/s-1");
        Assert.DoesNotContain(agent.Requests, r => r.PathAndQuery.Contains("cas=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_SemaphoreWithEmptyPrefix_FailsSetup()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, path) => path.StartsWith("/v1/agent/self", StringComparison.Ordinal) ? Self : null);
        var run = await CliRun.AgainstAsync(agent, "lock", "-n=2", "/", "true");
        Assert.Equal((1, "Lock setup failed: missing prefix\n"), (run.ExitCode, run.Error));
    }

    [Theory]
    [InlineData("app", "app/.lock")]
    [InlineData("app/", "app/.lock")]
    [InlineData("a//b/", "a/b/.lock")]
    [InlineData("", ".lock")]
    public void JoinKey_Prefix_JoinsAsGoPathJoin(string prefix, string expected) =>
        Assert.Equal(expected, LockCommand.JoinKey(prefix, ".lock"));

    [Fact]
    public void Command_Shell_JoinsArgumentsForShellDashC()
    {
        var (file, args) = LockChild.Command(["echo", "a b", "c"], shell: true, _ => null);
        Assert.Equal("/bin/sh", file);
        Assert.Equal(["-c", "echo a b c"], args);
    }

    [Fact]
    public void Command_NoShell_RunsFirstArgumentDirectly()
    {
        var (file, args) = LockChild.Command(["echo", "a b", "c"], shell: false, _ => "/bin/bash");
        Assert.Equal("echo", file);
        Assert.Equal(["a b", "c"], args);
    }

    /// <summary>
    /// A scripted agent with a free lock: the key is absent until acquired by session s-1, then held until released (ModifyIndex 12);
    /// blocking reads (index given) are answered after a short pause so the monitor does not spin.
    /// </summary>
    private static Task<FakeAgent> LockingAgentAsync()
    {
        var held = false;
        var released = false;
        var gate = new object();
        return FakeAgent.StartAsync(async (context, _) =>
        {
            var path = context.Request.Path.Value ?? "";
            var query = context.Request.QueryString.Value ?? "";
            var method = context.Request.Method;
            context.Response.Headers["X-Consul-Index"] = "12";
            context.Response.Headers["X-Consul-KnownLeader"] = "true";
            context.Response.Headers["X-Consul-LastContact"] = "0";
            string? json;
            if (path.StartsWith("/v1/agent/self", StringComparison.Ordinal))
            {
                json = Self;
            }
            else if (path == "/v1/session/create")
            {
                json = """{"ID":"s-1"}""";
            }
            else if (path.StartsWith("/v1/session/", StringComparison.Ordinal))
            {
                json = "true";
            }
            else if (path == "/v1/kv/app/.lock" && method == "GET")
            {
                if (query.Contains("index=", StringComparison.Ordinal))
                {
                    await Task.Delay(200, context.RequestAborted);
                }

                lock (gate)
                {
                    json = held
                        ? $$"""[{"LockIndex":1,"Key":"app/.lock","Flags":{{LockFlags}},"Session":"s-1","CreateIndex":11,"ModifyIndex":11}]"""
                        : released
                            ? $$"""[{"LockIndex":1,"Key":"app/.lock","Flags":{{LockFlags}},"CreateIndex":11,"ModifyIndex":12}]"""
                            : null;
                }
            }
            else if (path == "/v1/kv/app/.lock" && method == "PUT")
            {
                lock (gate)
                {
                    held = query.Contains("acquire=s-1", StringComparison.Ordinal);
                    released |= query.Contains("release=s-1", StringComparison.Ordinal);
                }

                json = "true";
            }
            else if (path == "/v1/kv/app/.lock" && method == "DELETE")
            {
                json = "true";
            }
            else
            {
                json = null;
            }

            if (json is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        });
    }
}
