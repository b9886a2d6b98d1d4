using Trellis.Agent.Checks;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Checks;

public sealed class TtlCheckTests
{
    [Fact]
    public async Task SetStatus_ThenNoRenewal_ExpiresToCriticalWithLastOutput()
    {
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create("ttl", new CheckDefinition { TTL = "300ms" }, sink, CheckSource.Remote);
        var ttl = Assert.IsType<TtlCheck>(runner);
        ttl.Start();

        ttl.Pass("all good");
        Assert.Equal((HealthStatus.Passing, "all good"), (sink.Updates[0].Status, sink.Updates[0].Output));
        var expired = await sink.WaitForAsync(HealthStatus.Critical);
        Assert.Equal("TTL expired (last output before timeout follows): all good", expired.Output);

        var mark = sink.Count;
        ttl.Warn("recovering");
        Assert.Equal((HealthStatus.Warning, "recovering"), (sink.Updates[mark].Status, sink.Updates[mark].Output));
    }

    [Fact]
    public async Task Start_NeverReported_ExpiresWithPlainText()
    {
        var sink = new RecordingSink();
        await using var ttl = (TtlCheck)CheckTestKit.Factory().Create("ttl", new CheckDefinition { TTL = "200ms" }, sink, CheckSource.Remote);
        ttl.Start();
        Assert.Equal("TTL expired", (await sink.WaitForAsync(HealthStatus.Critical)).Output);
    }

    [Fact]
    public async Task SetStatus_KeepsRenewing_NeverExpires()
    {
        var sink = new RecordingSink();
        await using var ttl = (TtlCheck)CheckTestKit.Factory().Create("ttl", new CheckDefinition { TTL = "3s" }, sink, CheckSource.Remote);
        ttl.Start();
        for (var i = 0; i < 10; i++)
        {
            ttl.Pass($"beat {i}");
            await Task.Delay(400);
        }

        Assert.All(sink.Updates, u => Assert.Equal(HealthStatus.Passing, u.Status));
    }

    [Fact]
    public async Task SetStatus_OutputOverCap_TruncatedWithNote()
    {
        var sink = new RecordingSink();
        await using var ttl = (TtlCheck)CheckTestKit.Factory().Create(
            "ttl", new CheckDefinition { TTL = "10s", OutputMaxSize = 4 }, sink, CheckSource.Remote);
        ttl.Start();
        Assert.Equal("abcd ... (captured 4 of 10 bytes)", ttl.Fail("abcdefghij"));
        Assert.Equal((HealthStatus.Critical, "abcd ... (captured 4 of 10 bytes)"), (sink.Updates[0].Status, sink.Updates[0].Output));
    }

    [Fact]
    public async Task StopAsync_BeforeExpiry_NoExpiryReported()
    {
        var sink = new RecordingSink();
        var ttl = (TtlCheck)CheckTestKit.Factory().Create("ttl", new CheckDefinition { TTL = "200ms" }, sink, CheckSource.Remote);
        ttl.Start();
        await ttl.DisposeAsync();
        await Task.Delay(500);
        Assert.Equal(0, sink.Count);
    }
}
