using System.Net;
using System.Text.Json;
using Trellis.IntegrationTests.Agent;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Cli;

/// <summary>
/// <c>trellis lock</c> as a separate process against a real agent: the child runs holding <c>PREFIX/.lock</c>, a second
/// contender waits for the first, -timeout gives up with Consul's text, a lost lock kills the child, and the key and
/// session are gone afterwards.
/// </summary>
public sealed class LockCommandTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>, IDisposable
{
    private const string LockFlags = "3304740253564472344";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("trellis-lock-").FullName;

    [Fact]
    public async Task Lock_FreePrefix_RunsChildHoldingKeyThenReleasesAndDestroysSession()
    {
        var marker = Path.Combine(_dir, "held");
        using var stop = new CancellationTokenSource();
        var run = Agent.RunCliAsync(["lock"], [Prefix, $"echo $CONSUL_LOCK_HELD > {marker}; sleep 3"], RunTimeout, stop.Token);
        try
        {
            string? session = null;
            Assert.True(await Eventually.HoldsAsync(async () => (session = await HolderAsync()) is not null),
                "the lock key never named a session while the child ran");
            var info = (await Http.GetReplyAsync($"v1/session/info/{session}")).Json();
            Assert.Equal($"Consul lock for 'echo $CONSUL_LOCK_HELD > {marker}; sleep 3' at '{Prefix}'",
                info[0].GetProperty("Name").GetString());
            Assert.Equal("15s", info[0].GetProperty("TTL").GetString());
            var key = (await Http.GetReplyAsync($"v1/kv/{Prefix}/.lock")).Json()[0];
            Assert.Equal(LockFlags, key.GetProperty("Flags").GetRawText());

            var result = await run;

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("true", File.ReadAllText(marker).Trim());
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/.lock")).Status);
            Assert.Equal("[]", (await Http.GetReplyAsync($"v1/session/info/{session}")).Body.Trim());
        }
        finally
        {
            await StopAsync(stop, run);
        }
    }

    [Fact]
    public async Task Lock_SecondContender_WaitsUntilFirstChildEnds()
    {
        var log = Path.Combine(_dir, "log");
        using var stop = new CancellationTokenSource();
        var first = Agent.RunCliAsync(["lock"], [Prefix, $"echo first-start >> {log}; sleep 2; echo first-end >> {log}"],
            RunTimeout, stop.Token);
        Task<ProcessResult>? second = null;
        try
        {
            Assert.True(await Eventually.HoldsAsync(async () => await HolderAsync() is not null), "first never held the lock");
            second = Agent.RunCliAsync(["lock"], [Prefix, $"echo second >> {log}"], RunTimeout, stop.Token);

            var firstResult = await first;
            var secondResult = await second;

            Assert.True(firstResult.ExitCode == 0, firstResult.ToString());
            Assert.True(secondResult.ExitCode == 0, secondResult.ToString());
            Assert.Equal(["first-start", "first-end", "second"], File.ReadAllLines(log));
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/.lock")).Status);
        }
        finally
        {
            await StopAsync(stop, first);
            if (second is not null)
            {
                await StopAsync(stop, second);
            }
        }
    }

    [Fact]
    public async Task Lock_HeldElsewhereWithTimeout_GivesUpWithConsulTextAndCleansUpItsSession()
    {
        var other = await CreateSessionAsync("other holder");
        try
        {
            var acquire = await Http.PutReplyAsync($"v1/kv/{Prefix}/.lock?flags={LockFlags}&acquire={other}", "");
            Assert.Equal("true", acquire.Body.Trim());
            var marker = Path.Combine(_dir, "ran");

            var result = await Agent.RunCliAsync(["lock"], ["-timeout=1s", "-name=timeout-test-" + Prefix, Prefix, $"touch {marker}"], RunTimeout);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("Shutdown triggered or timeout during lock acquisition", result.StdErr, StringComparison.Ordinal);
            Assert.False(File.Exists(marker), "the child ran without the lock");
            Assert.Equal(other, await HolderAsync());
            var sessions = (await Http.GetReplyAsync("v1/session/list")).Json();
            Assert.DoesNotContain(sessions.EnumerateArray(), s => s.GetProperty("Name").GetString() == "timeout-test-" + Prefix);
        }
        finally
        {
            await Http.PutReplyAsync($"v1/session/destroy/{other}", "");
        }
    }

    [Fact]
    public async Task Lock_KeyUsedOtherwise_FailsWithConflict()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/.lock", "not a lock");

        var result = await Agent.RunCliAsync(["lock"], [Prefix, "true"], RunTimeout);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Lock acquisition failed: Existing key does not match lock use", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("not a lock", (await Http.GetReplyAsync($"v1/kv/{Prefix}/.lock?raw")).Body);
    }

    [Fact]
    public async Task Lock_SessionDestroyedWhileChildRuns_KillsChildAndExits()
    {
        using var stop = new CancellationTokenSource();
        // The child would outlive the run's bounded wait; only being killed lets the run finish in time.
        var run = Agent.RunCliAsync(["lock"], ["-verbose", "-shell=false", Prefix, "sleep", "120"], RunTimeout, stop.Token);
        try
        {
            string? session = null;
            Assert.True(await Eventually.HoldsAsync(async () => (session = await HolderAsync()) is not null), "never held");

            await Http.PutReplyAsync($"v1/session/destroy/{session}", "");
            var result = await run;

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("Lock lost, killing child", result.StdOut, StringComparison.Ordinal);
            Assert.Contains("Terminating child pid", result.StdOut, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/.lock")).Status);
        }
        finally
        {
            await StopAsync(stop, run);
        }
    }

    [Fact]
    public async Task Lock_ChildFailsWithChildExitCode_ExitsTwo()
    {
        var result = await Agent.RunCliAsync(["lock"], ["-child-exit-code", "-shell=false", Prefix, "sh", "-c", "exit 7"], RunTimeout);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Error running handler: exit status 7", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}/.lock")).Status);
    }

    [Fact]
    public async Task Lock_SemaphoreOfTwo_RunsTwoChildrenAtOnceAndMakesTheThirdWait()
    {
        var log = Path.Combine(_dir, "sem");
        using var stop = new CancellationTokenSource();
        var gates = Enumerable.Range(1, 3).Select(i => Path.Combine(_dir, $"gate{i}")).ToArray();
        // Each child logs its start, then waits (bounded) for its gate file: the test decides when children end.
        string Child(int i) =>
            $"echo start{i} >> {log}; n=0; while [ ! -e {gates[i - 1]} ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n+1)); done; echo end{i} >> {log}";
        var runs = new List<Task<ProcessResult>>();
        try
        {
            runs.Add(Agent.RunCliAsync(["lock"], ["-n=2", Prefix, Child(1)], RunTimeout, stop.Token));
            Assert.True(await Eventually.HoldsAsync(async () => (await HoldersAsync()).Count == 1), "first never held a slot");
            runs.Add(Agent.RunCliAsync(["lock"], ["-n=2", Prefix, Child(2)], RunTimeout, stop.Token));
            Assert.True(await Eventually.HoldsAsync(async () => (await HoldersAsync()).Count == 2), "second never held a slot");
            runs.Add(Agent.RunCliAsync(["lock"], ["-n=2", Prefix, Child(3)], RunTimeout, stop.Token));
            Assert.True(await Eventually.HoldsAsync(async () => (await ContenderKeysAsync()) == 3), "third never became a contender");

            var document = (await Http.GetReplyAsync($"v1/kv/{Prefix}/.lock?raw")).Json();
            Assert.Equal(2, document.GetProperty("Limit").GetInt32());
            Assert.Equal(2, (await HoldersAsync()).Count);
            Assert.DoesNotContain("start3", File.ReadAllLines(log));

            File.WriteAllText(gates[0], "");
            File.WriteAllText(gates[2], "");
            var first = await runs[0];
            var third = await runs[2];
            File.WriteAllText(gates[1], "");
            var second = await runs[1];

            Assert.All(new[] { first, second, third }, r => Assert.True(r.ExitCode == 0, r.ToString()));
            var lines = File.ReadAllLines(log);
            Assert.True(Array.IndexOf(lines, "end1") < Array.IndexOf(lines, "start3"), string.Join(",", lines));
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{Prefix}?recurse")).Status);
        }
        finally
        {
            foreach (var gate in gates)
            {
                File.WriteAllText(gate, "");
            }

            foreach (var run in runs)
            {
                await StopAsync(stop, run);
            }
        }
    }

    [Fact]
    public async Task Lock_SemaphoreOnLockKey_FailsWithSemaphoreConflict()
    {
        var other = await CreateSessionAsync("lock holder");
        try
        {
            await Http.PutReplyAsync($"v1/kv/{Prefix}/.lock?flags={LockFlags}&acquire={other}", "");

            var result = await Agent.RunCliAsync(["lock"], ["-n=3", Prefix, "true"], RunTimeout);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("Lock acquisition failed: Existing key does not match semaphore use", result.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            await Http.PutReplyAsync($"v1/session/destroy/{other}", "");
        }
    }

    /// <summary>The holders listed in the semaphore document (empty when there is none).</summary>
    private async Task<List<string>> HoldersAsync()
    {
        var reply = await Http.GetReplyAsync($"v1/kv/{Prefix}/.lock?raw");
        if (reply.Status != HttpStatusCode.OK || reply.Bytes.Length == 0)
        {
            return [];
        }

        return reply.Json().TryGetProperty("Holders", out var holders) && holders.ValueKind == JsonValueKind.Object
            ? holders.EnumerateObject().Select(p => p.Name).ToList()
            : [];
    }

    /// <summary>How many contender keys (keys other than .lock held by a session) exist under the prefix.</summary>
    private async Task<int> ContenderKeysAsync()
    {
        var reply = await Http.GetReplyAsync($"v1/kv/{Prefix}?recurse");
        return reply.Status != HttpStatusCode.OK
            ? 0
            : reply.Json().EnumerateArray().Count(e => !e.GetProperty("Key").GetString()!.EndsWith("/.lock", StringComparison.Ordinal)
                && e.TryGetProperty("Session", out var s) && s.ValueKind == JsonValueKind.String);
    }

    /// <summary>The session currently holding <c>PREFIX/.lock</c>, or null.</summary>
    private async Task<string?> HolderAsync()
    {
        var reply = await Http.GetReplyAsync($"v1/kv/{Prefix}/.lock");
        if (reply.Status != HttpStatusCode.OK)
        {
            return null;
        }

        return reply.Json()[0].TryGetProperty("Session", out var session) && session.ValueKind == JsonValueKind.String
            ? session.GetString()
            : null;
    }

    private async Task<string> CreateSessionAsync(string name)
    {
        var reply = await Http.PutReplyAsync("v1/session/create", $$"""{"Name":"{{name}}","TTL":"60s"}""");
        return reply.Json().GetProperty("ID").GetString()!;
    }

    /// <summary>Kills a run still going (its process tree) and waits for it, ignoring how it ended.</summary>
    private static async Task StopAsync(CancellationTokenSource stop, Task<ProcessResult> run)
    {
        if (!run.IsCompleted)
        {
            await stop.CancelAsync();
        }

        try
        {
            await run;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
        }
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
