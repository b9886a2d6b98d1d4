using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Trellis.Agent.Checks;
using Trellis.Core.Checks;
using Trellis.Core.Errors;

namespace Trellis.Agent.Tests.Checks;

public sealed class HttpCheckRunnerTests
{
    [Fact]
    public async Task Start_TargetFlipsHealthyFailingHealthy_ReportsPassingCriticalPassing()
    {
        var code = StatusCodes.Status200OK;
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapGet("/health", (HttpContext c) =>
        {
            c.Response.StatusCode = Volatile.Read(ref code);
            return c.Response.WriteAsync("state " + c.Response.StatusCode);
        }));
        await using var _ = app;
        var url = $"http://127.0.0.1:{port}/health";
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create(
            "web", new CheckDefinition { HTTP = url, Interval = "50ms" }, sink, CheckSource.Remote);
        Assert.Equal("http", runner.Type);
        runner.Start();

        var passing = await sink.WaitForAsync(HealthStatus.Passing);
        Assert.Equal($"HTTP GET {url}: 200 OK Output: state 200", passing.Output);

        Volatile.Write(ref code, StatusCodes.Status503ServiceUnavailable);
        var critical = await sink.WaitForAsync(HealthStatus.Critical);
        Assert.Equal($"HTTP GET {url}: 503 Service Unavailable Output: state 503", critical.Output);

        Volatile.Write(ref code, StatusCodes.Status429TooManyRequests);
        var warning = await sink.WaitForAsync(HealthStatus.Warning);
        Assert.StartsWith($"HTTP GET {url}: 429 Too Many Requests", warning.Output);

        var mark = sink.Count;
        Volatile.Write(ref code, StatusCodes.Status200OK);
        await sink.WaitForAsync(HealthStatus.Passing, from: mark);
    }

    [Fact]
    public async Task Start_MethodHeaderBody_SentToTarget()
    {
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapPut("/echo", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            var body = await reader.ReadToEndAsync();
            var ok = body == "ping" && c.Request.Headers["X-Token"] == "abc" && c.Request.Headers.UserAgent == "Consul Health Check";
            c.Response.StatusCode = ok ? 200 : 400;
            await c.Response.WriteAsync($"{c.Request.Method} {body} {c.Request.Headers["X-Token"]} {c.Request.Headers.UserAgent}");
        }));
        await using var _ = app;
        var sink = new RecordingSink();
        var definition = new CheckDefinition
        {
            HTTP = $"http://127.0.0.1:{port}/echo",
            Method = "PUT",
            Body = "ping",
            Header = new Dictionary<string, IReadOnlyList<string>> { ["X-Token"] = ["abc"] },
            Interval = "1s",
        };
        await using var runner = CheckTestKit.Factory().Create("echo", definition, sink, CheckSource.Remote);
        runner.Start();

        var update = await sink.WaitForAsync(HealthStatus.Passing);
        Assert.EndsWith("Output: PUT ping abc Consul Health Check", update.Output);
        Assert.StartsWith($"HTTP PUT http://127.0.0.1:{port}/echo: 200 OK", update.Output);
    }

    [Fact]
    public async Task Start_Redirect_FollowedUnlessDisabled()
    {
        var (app, port) = await CheckTestKit.StartServerAsync(a =>
        {
            a.MapGet("/old", () => Results.Redirect("/new"));
            a.MapGet("/new", () => "moved here");
        });
        await using var _ = app;
        var url = $"http://127.0.0.1:{port}/old";
        var followed = new RecordingSink();
        var stopped = new RecordingSink();
        await using var follow = CheckTestKit.Factory().Create("a", new CheckDefinition { HTTP = url, Interval = "1s" }, followed, CheckSource.Remote);
        await using var noFollow = CheckTestKit.Factory().Create(
            "b", new CheckDefinition { HTTP = url, Interval = "1s", DisableRedirects = true }, stopped, CheckSource.Remote);
        follow.Start();
        noFollow.Start();

        Assert.Equal($"HTTP GET {url}: 200 OK Output: moved here", (await followed.WaitForAsync(HealthStatus.Passing)).Output);
        Assert.Equal($"HTTP GET {url}: 302 Found Output: ", (await stopped.WaitForAsync(HealthStatus.Critical)).Output);
    }

    [Fact]
    public async Task Start_LargeBody_KeepsLastOutputMaxSizeBytes()
    {
        var body = new string('a', 10_000) + "THE-END";
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapGet("/big", () => body));
        await using var _ = app;
        var url = $"http://127.0.0.1:{port}/big";
        var defaultCap = new RecordingSink();
        var smallCap = new RecordingSink();
        await using var a1 = CheckTestKit.Factory().Create("a", new CheckDefinition { HTTP = url, Interval = "1s" }, defaultCap, CheckSource.Remote);
        await using var a2 = CheckTestKit.Factory().Create(
            "b", new CheckDefinition { HTTP = url, Interval = "1s", OutputMaxSize = 10 }, smallCap, CheckSource.Remote);
        a1.Start();
        a2.Start();

        var prefix = $"HTTP GET {url}: 200 OK Output: ";
        var full = (await defaultCap.WaitForAsync(HealthStatus.Passing)).Output;
        Assert.Equal(prefix + body[^CheckRunnerFactory.DefaultOutputMaxSize..], full);
        Assert.Equal(prefix + "aaaTHE-END", (await smallCap.WaitForAsync(HealthStatus.Passing)).Output);
    }

    [Fact]
    public async Task Start_TargetHangs_CriticalAtTimeoutWhileOtherChecksKeepRunning()
    {
        using var release = new CancellationTokenSource();
        var (app, port) = await CheckTestKit.StartServerAsync(a =>
        {
            a.MapGet("/hang", async () =>
            {
                await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return "late";
            });
            a.MapGet("/fast", () => "fast");
        });
        await using var _ = app;
        var slow = new RecordingSink();
        var fast = new RecordingSink();
        var factory = CheckTestKit.Factory();
        await using var hanging = factory.Create(
            "slow", new CheckDefinition { HTTP = $"http://127.0.0.1:{port}/hang", Interval = "50ms", Timeout = "1500ms" }, slow, CheckSource.Remote);
        await using var quick = factory.Create(
            "fast", new CheckDefinition { HTTP = $"http://127.0.0.1:{port}/fast", Interval = "50ms" }, fast, CheckSource.Remote);
        hanging.Start();
        quick.Start();

        // While the first run of the hanging check is in flight, the other check completes several runs.
        await fast.WaitForAsync(HealthStatus.Passing);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (fast.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(fast.Count >= 3, $"fast check ran {fast.Count} times");
        Assert.Equal(0, slow.Count);
        var timedOut = await slow.WaitForAsync(HealthStatus.Critical);
        Assert.Contains("context deadline exceeded", timedOut.Output, StringComparison.Ordinal);
        await release.CancelAsync();
    }

    [Fact]
    public async Task Start_TargetDown_CriticalWithConnectionRefused()
    {
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapGet("/", () => "up"));
        await app.DisposeAsync();
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create(
            "down", new CheckDefinition { HTTP = $"http://127.0.0.1:{port}/", Interval = "1s" }, sink, CheckSource.Remote);
        runner.Start();

        var update = await sink.WaitForAsync(HealthStatus.Critical);
        Assert.Equal($"Get \"http://127.0.0.1:{port}/\": dial tcp 127.0.0.1:{port}: connect: connection refused", update.Output);
    }

    [Fact]
    public async Task Start_SelfSignedTls_PassesOnlyWithTlsSkipVerify()
    {
        using var certificate = CheckTestKit.SelfSignedCertificate();
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapGet("/", () => "secure"), certificate: certificate);
        await using var _ = app;
        var url = $"https://127.0.0.1:{port}/";
        var verified = new RecordingSink();
        var skipped = new RecordingSink();
        await using var strict = CheckTestKit.Factory().Create("strict", new CheckDefinition { HTTP = url, Interval = "1s" }, verified, CheckSource.Remote);
        await using var lax = CheckTestKit.Factory().Create(
            "lax", new CheckDefinition { HTTP = url, Interval = "1s", TLSSkipVerify = true, TLSServerName = "localhost" }, skipped, CheckSource.Remote);
        strict.Start();
        lax.Start();

        Assert.Equal($"HTTP GET {url}: 200 OK Output: secure", (await skipped.WaitForAsync(HealthStatus.Passing)).Output);
        await verified.WaitForAsync(HealthStatus.Critical);
    }

    [Fact]
    public async Task Start_FailuresBeforeCritical_WarnsThenFails()
    {
        var code = 200;
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapGet("/", (HttpContext c) => c.Response.StatusCode = Volatile.Read(ref code)));
        await using var _ = app;
        var sink = new RecordingSink();
        var definition = new CheckDefinition
        {
            HTTP = $"http://127.0.0.1:{port}/", Interval = "50ms", FailuresBeforeWarning = 1, FailuresBeforeCritical = 3,
        };
        await using var runner = CheckTestKit.Factory().Create("t", definition, sink, CheckSource.Remote);
        runner.Start();
        await sink.WaitForAsync(HealthStatus.Passing);

        var mark = sink.Count;
        Volatile.Write(ref code, 500);
        await sink.WaitForAsync(HealthStatus.Critical, from: mark);
        var afterFlip = sink.Updates.Skip(mark).Select(u => u.Status).ToList();
        Assert.Equal([HealthStatus.Warning, HealthStatus.Warning, HealthStatus.Critical], afterFlip.Take(3));
    }

    [Fact]
    public async Task Start_SuccessBeforePassing_ReportsPassingOnlyAtThirdConsecutiveSuccess()
    {
        var healthy = 0;
        var successes = 0;
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapGet("/", (HttpContext c) =>
        {
            if (Volatile.Read(ref healthy) == 0)
            {
                c.Response.StatusCode = 500;
                return Task.CompletedTask;
            }

            return c.Response.WriteAsync($"success {Interlocked.Increment(ref successes)}");
        }));
        await using var _ = app;
        var sink = new RecordingSink();
        var definition = new CheckDefinition { HTTP = $"http://127.0.0.1:{port}/", Interval = "50ms", SuccessBeforePassing = 3 };
        await using var runner = CheckTestKit.Factory().Create("t", definition, sink, CheckSource.Remote);
        runner.Start();
        await sink.WaitForAsync(HealthStatus.Critical);

        Volatile.Write(ref healthy, 1);
        var passing = await sink.WaitForAsync(HealthStatus.Passing);
        Assert.EndsWith("Output: success 3", passing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_AfterStop_ReportsNothingMore()
    {
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapGet("/", () => "ok"));
        await using var _ = app;
        var sink = new RecordingSink();
        var runner = CheckTestKit.Factory().Create("s", new CheckDefinition { HTTP = $"http://127.0.0.1:{port}/", Interval = "50ms" }, sink, CheckSource.Remote);
        runner.Start();
        await sink.WaitForAsync(HealthStatus.Passing);
        await runner.StopAsync();
        var count = sink.Count;
        await Task.Delay(300);
        Assert.Equal(count, sink.Count);
        await runner.DisposeAsync();
        Assert.Throws<InvalidOperationException>(runner.Start);
    }

    [Fact]
    public void Create_InvalidDefinition_ThrowsConsulMessage()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => CheckTestKit.Factory().Create(
            "x", new CheckDefinition { HTTP = "http://127.0.0.1/" }, new RecordingSink(), CheckSource.Remote));
        Assert.Equal(CheckDefinitionValidator.IntervalRequired, ex.Message);
    }
}
