using Trellis.Agent.Checks;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Checks;

public sealed class CheckThresholdSinkTests
{
    [Fact]
    public void UpdateCheck_NoThresholds_PassesEverythingThrough()
    {
        var inner = new RecordingSink();
        var sink = new CheckThresholdSink(inner, 0, 0, 0);
        sink.UpdateCheck("c", HealthStatus.Passing, "a");
        sink.UpdateCheck("c", HealthStatus.Critical, "b");
        sink.UpdateCheck("c", HealthStatus.Warning, "c");
        Assert.Equal([HealthStatus.Passing, HealthStatus.Critical, HealthStatus.Warning], inner.Updates.Select(u => u.Status));
    }

    [Fact]
    public void UpdateCheck_FailuresBeforeWarningAndCritical_EscalatesAfterConsecutiveFailures()
    {
        var inner = new RecordingSink();
        var sink = new CheckThresholdSink(inner, successBeforePassing: 0, failuresBeforeWarning: 2, failuresBeforeCritical: 3);
        sink.UpdateCheck("c", HealthStatus.Passing, "ok");
        sink.UpdateCheck("c", HealthStatus.Critical, "f1");
        Assert.Single(inner.Updates);
        sink.UpdateCheck("c", HealthStatus.Critical, "f2");
        Assert.Equal((HealthStatus.Warning, "f2"), (inner.Updates[^1].Status, inner.Updates[^1].Output));
        sink.UpdateCheck("c", HealthStatus.Critical, "f3");
        Assert.Equal((HealthStatus.Critical, "f3"), (inner.Updates[^1].Status, inner.Updates[^1].Output));
    }

    [Fact]
    public void UpdateCheck_SuccessResetsFailureCount()
    {
        var inner = new RecordingSink();
        var sink = new CheckThresholdSink(inner, 0, 0, failuresBeforeCritical: 2);
        sink.UpdateCheck("c", HealthStatus.Passing, "ok");
        sink.UpdateCheck("c", HealthStatus.Critical, "f1");
        sink.UpdateCheck("c", HealthStatus.Passing, "ok");
        sink.UpdateCheck("c", HealthStatus.Critical, "f1");
        Assert.All(inner.Updates, u => Assert.Equal(HealthStatus.Passing, u.Status));
    }

    [Fact]
    public void UpdateCheck_SuccessBeforePassing_WaitsForConsecutiveSuccesses()
    {
        var inner = new RecordingSink();
        var sink = new CheckThresholdSink(inner, successBeforePassing: 2, 0, 0);
        sink.UpdateCheck("c", HealthStatus.Passing, "first result always reported");
        sink.UpdateCheck("c", HealthStatus.Critical, "down");
        sink.UpdateCheck("c", HealthStatus.Passing, "s1");
        Assert.Equal(HealthStatus.Critical, inner.Updates[^1].Status);
        sink.UpdateCheck("c", HealthStatus.Passing, "s2");
        Assert.Equal((HealthStatus.Passing, "s2"), (inner.Updates[^1].Status, inner.Updates[^1].Output));
    }
}
