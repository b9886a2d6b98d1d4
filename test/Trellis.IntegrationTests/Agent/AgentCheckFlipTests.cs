using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Agent;

/// <summary>
/// UDP and gRPC checks against real targets that flip between healthy and failing, and the thresholds
/// (<c>failures_before_critical</c>, <c>success_before_passing</c>) observed run by run, on a real dev agent.
/// </summary>
public sealed class AgentCheckFlipTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private static readonly TimeSpan HoldWait = TimeSpan.FromSeconds(30);

    private readonly string _name = "flip-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<int> PassingCountAsync()
    {
        var reply = await Http.GetReplyAsync($"v1/health/service/{_name}?passing");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Json().GetArrayLength();
    }

    private async Task<string?> AgentCheckStatusAsync(string checkId)
    {
        var reply = await Http.GetReplyAsync("v1/agent/checks");
        return reply.Json().TryGetProperty(checkId, out var check) ? check.GetProperty("Status").GetString() : null;
    }

    private async Task<string?> CatalogCheckStatusAsync(string checkId)
    {
        var reply = await Http.GetReplyAsync($"v1/health/checks/{_name}");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Json().EnumerateArray()
            .Where(c => c.GetProperty("CheckID").GetString() == checkId)
            .Select(c => c.GetProperty("Status").GetString())
            .FirstOrDefault();
    }

    /// <summary>passing → critical → passing in <c>?passing</c> and the catalog, with a blocking query waking on the fall.</summary>
    private async Task AssertFlipsAsync(string checkId, Action fail, Action heal)
    {
        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync() == 1), "the service never became passing");
        Assert.Equal("passing", await CatalogCheckStatusAsync(checkId));
        var index = (await Http.GetReplyAsync($"v1/health/service/{_name}?passing")).Index;

        var blocking = Http.GetReplyAsync($"v1/health/service/{_name}?passing&index={index}&wait=60s");
        await Task.Delay(300);
        Assert.False(blocking.IsCompleted, "the blocking query returned before anything changed");
        fail();
        var woke = await blocking.WaitAsync(TimeSpan.FromSeconds(45));
        Assert.True(woke.Index > index, $"index {woke.Index} is not above {index}");
        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync() == 0), "the failing service stayed passing");
        Assert.True(await Eventually.HoldsAsync(async () => await CatalogCheckStatusAsync(checkId) == "critical"), "the catalog's check never became critical");
        Assert.Equal("critical", await AgentCheckStatusAsync(checkId));

        heal();
        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync() == 1), "the service did not recover");
        Assert.Equal("passing", await CatalogCheckStatusAsync(checkId));
    }

    [Fact]
    public async Task UdpCheck_ListenerClosesAndReopens_HealthFollowsAndBlockingQueryWakes()
    {
        using var target = new FlippingUdpTarget();
        var checkId = _name + "-udp";
        var register = await Http.PutJsonAsync("v1/agent/service/register", new
        {
            Name = _name,
            Port = target.Port,
            Check = new { CheckID = checkId, Name = "udp", UDP = target.Address, Interval = "1s", Timeout = "2s" },
        });
        Assert.True(register.Status == HttpStatusCode.OK, register.ToString());

        // Silence would also count as passing: the answered datagrams show the check really reached the listener.
        await AssertFlipsAsync(checkId, target.Stop, target.Start);
        Assert.True(target.Datagrams >= 2, $"the listener saw {target.Datagrams} datagrams");
    }

    [Fact]
    public async Task GrpcCheck_ServingStatusFlips_HealthFollowsAndBlockingQueryWakes()
    {
        await using var target = await FlippingGrpcTarget.StartAsync();
        var checkId = _name + "-grpc";
        var register = await Http.PutJsonAsync("v1/agent/service/register", new
        {
            Name = _name,
            Port = target.Port,
            Check = new { CheckID = checkId, Name = "grpc", GRPC = target.Target, Interval = "1s", Timeout = "5s" },
        });
        Assert.True(register.Status == HttpStatusCode.OK, register.ToString());

        await AssertFlipsAsync(checkId, () => target.Serving = false, () => target.Serving = true);
        Assert.True(target.Requests >= 3, $"the health service saw {target.Requests} Check calls");
        var check = (await Http.GetReplyAsync($"v1/health/checks/{_name}")).Json()[0];
        Assert.Equal($"gRPC check {target.Target}: success", check.GetProperty("Output").GetString());
    }

    [Fact]
    public async Task HttpCheck_Thresholds_CriticalAfterThreeFailuresPassingAfterTwoSuccesses()
    {
        using var target = new FlippingHttpTarget();
        var checkId = _name + "-http";
        var register = await Http.PutJsonAsync("v1/agent/service/register", new
        {
            Name = _name,
            Port = target.Port,
            Check = new
            {
                CheckID = checkId,
                Name = "http",
                HTTP = target.Url,
                Interval = "1s",
                Timeout = "30s",
                FailuresBeforeCritical = 3,
                SuccessBeforePassing = 2,
            },
        });
        Assert.True(register.Status == HttpStatusCode.OK, register.ToString());
        Assert.True(await Eventually.HoldsAsync(async () => await AgentCheckStatusAsync(checkId) == "passing"), "the check never became passing");

        // Each step holds the check's next run at the target: all earlier runs have been reported, so the check's state
        // is observed after an exact number of results, however slow the machine. The held run is answered with the
        // health of the moment it is released.
        async Task<string?> StatusWhileNextRunHeldAsync()
        {
            await target.HoldNextAsync(HoldWait);
            return await AgentCheckStatusAsync(checkId);
        }

        await target.HoldNextAsync(HoldWait);
        target.Healthy = false;
        target.Release(); // failure 1
        Assert.Equal("passing", await StatusWhileNextRunHeldAsync());
        target.Release(); // failure 2
        Assert.Equal("passing", await StatusWhileNextRunHeldAsync());
        Assert.Equal(1, await PassingCountAsync());
        target.Release(); // failure 3
        Assert.Equal("critical", await StatusWhileNextRunHeldAsync());
        target.Healthy = true;
        target.Release(); // success 1
        Assert.Equal("critical", await StatusWhileNextRunHeldAsync());
        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync() == 0), "the catalog did not follow the critical check");
        target.Release(); // success 2
        Assert.Equal("passing", await StatusWhileNextRunHeldAsync());
        target.Release();

        Assert.True(await Eventually.HoldsAsync(async () => await PassingCountAsync() == 1), "the catalog did not follow the recovered check");
        Assert.Equal("passing", await CatalogCheckStatusAsync(checkId));
    }
}
