using Trellis.Agent.Checks;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Errors;

namespace Trellis.Agent.Tests.Checks;

public sealed class AliasCheckRunnerTests
{
    [Fact]
    public async Task Start_AliasedServiceChecksChange_FollowsWorstState()
    {
        var source = new InMemoryAliasSource();
        source.AddService("n1", "web");
        source.Put(Check("n1", "web-http", "web", HealthStatus.Passing, "200"));
        source.Put(Check("n1", "other", "db", HealthStatus.Critical, "ignored: another service"));
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory(source).Create(
            "alias", new CheckDefinition { AliasNode = "n1", AliasService = "web" }, sink, CheckSource.Remote);
        Assert.Equal("alias", runner.Type);
        runner.Start();

        Assert.Equal("All checks passing.", (await sink.WaitForAsync(HealthStatus.Passing)).Output);

        source.Put(Check("n1", "web-tcp", "web", HealthStatus.Warning, "slow"));
        Assert.Equal("Aliased check \"web-tcp\" failing: slow", (await sink.WaitForAsync(HealthStatus.Warning)).Output);

        source.Put(Check("n1", "serf", "", HealthStatus.Critical, "node down"));
        Assert.Equal("Aliased check \"serf\" failing: node down", (await sink.WaitForAsync(HealthStatus.Critical)).Output);

        source.Put(Check("n1", "serf", "", HealthStatus.Passing, "alive"));
        source.Put(Check("n1", "web-tcp", "web", HealthStatus.Passing, "fast"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (sink.Updates[^1] is not (_, HealthStatus.Passing, "All checks passing.") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal((HealthStatus.Passing, "All checks passing."), (sink.Updates[^1].Status, sink.Updates[^1].Output));
    }

    [Fact]
    public async Task Start_ServiceMissing_CriticalNotFound()
    {
        var source = new InMemoryAliasSource();
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory(source).Create(
            "alias", new CheckDefinition { AliasNode = "n2", AliasService = "ghost" }, sink, CheckSource.Remote);
        runner.Start();
        Assert.Equal("Service ghost could not be found on node n2", (await sink.WaitForAsync(HealthStatus.Critical)).Output);

        source.AddService("n2", "ghost");
        Assert.Equal("No checks found.", (await sink.WaitForAsync(HealthStatus.Passing)).Output);
    }

    [Fact]
    public async Task Start_NodeAlias_FollowsOnlyNodeChecks()
    {
        var source = new InMemoryAliasSource();
        source.Put(Check("n3", "serf", "", HealthStatus.Passing, "alive"));
        source.Put(Check("n3", "web", "web", HealthStatus.Critical, "a service check, not followed"));
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory(source).Create("alias", new CheckDefinition { AliasNode = "n3" }, sink, CheckSource.Remote);
        runner.Start();
        Assert.Equal("All checks passing.", (await sink.WaitForAsync(HealthStatus.Passing)).Output);
        Assert.DoesNotContain(sink.Updates, u => u.Status == HealthStatus.Critical);
    }

    [Fact]
    public async Task Start_SourceFails_CriticalFromSecondFailure()
    {
        var source = new InMemoryAliasSource { Failure = new InvalidOperationException("no servers") };
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory(source).Create("alias", new CheckDefinition { AliasService = "web" }, sink, CheckSource.Remote);
        runner.Start();
        Assert.Equal("Failure checking aliased node or service: no servers", (await sink.WaitForAsync(HealthStatus.Critical)).Output);
    }

    [Fact]
    public void Create_NoAliasSource_Refused()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => CheckTestKit.Factory().Create(
            "alias", new CheckDefinition { AliasService = "web" }, new RecordingSink(), CheckSource.Remote));
        Assert.Contains("Alias checks are not available", ex.Message, StringComparison.Ordinal);
    }

    private static HealthCheck Check(string node, string id, string serviceId, string status, string output) => new()
    {
        Node = node,
        CheckID = id,
        Name = id,
        ServiceID = serviceId,
        Status = status,
        Output = output,
    };
}
