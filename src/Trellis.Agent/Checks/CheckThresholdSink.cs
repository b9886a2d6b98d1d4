using Trellis.Core.Checks;

namespace Trellis.Agent.Checks;

/// <summary>
/// Consul's <c>StatusHandler</c>: sits in front of a sink and passes a result on only once
/// <c>success_before_passing</c> consecutive successes or <c>failures_before_warning</c> /
/// <c>failures_before_critical</c> consecutive failures are reached. The first result after start always passes
/// through (the counters start at their thresholds, as in Consul). A warning counts as a success.
/// </summary>
/// <remarks>Not thread-safe: one runner loop calls it, one result at a time.</remarks>
public sealed class CheckThresholdSink : ICheckStatusSink
{
    private readonly ICheckStatusSink inner;
    private readonly int successBeforePassing;
    private readonly int failuresBeforeWarning;
    private readonly int failuresBeforeCritical;
    private int successCounter;
    private int failuresCounter;

    /// <param name="failuresBeforeWarning">0 means the same as <paramref name="failuresBeforeCritical"/> (Consul's default).</param>
    public CheckThresholdSink(ICheckStatusSink inner, int successBeforePassing, int failuresBeforeWarning, int failuresBeforeCritical)
    {
        this.inner = inner;
        this.successBeforePassing = successBeforePassing;
        this.failuresBeforeCritical = failuresBeforeCritical;
        this.failuresBeforeWarning = failuresBeforeWarning == 0 ? failuresBeforeCritical : failuresBeforeWarning;
        successCounter = successBeforePassing;
        failuresCounter = failuresBeforeCritical;
    }

    public void UpdateCheck(string checkId, string status, string output)
    {
        if (status is HealthStatus.Passing or HealthStatus.Warning)
        {
            successCounter++;
            failuresCounter = 0;
            if (successCounter >= successBeforePassing)
            {
                inner.UpdateCheck(checkId, status, output);
            }

            return;
        }

        failuresCounter++;
        successCounter = 0;
        if (failuresCounter >= failuresBeforeCritical)
        {
            inner.UpdateCheck(checkId, status, output);
        }
        else if (failuresCounter >= failuresBeforeWarning)
        {
            inner.UpdateCheck(checkId, HealthStatus.Warning, output);
        }
    }
}
