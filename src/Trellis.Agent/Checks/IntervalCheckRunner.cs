using Trellis.Core.Checks;
using Trellis.Core.Formats;

namespace Trellis.Agent.Checks;

/// <summary>
/// A check that runs every interval with a per-run timeout and reports through a threshold handler: HTTP, TCP, UDP,
/// gRPC, H2PING and script checks.
/// </summary>
/// <remarks>
/// Each runner owns one loop task. A run is cancelled at its timeout; a run that ignores cancellation is abandoned at
/// the timeout (plus a short grace) and reported critical, so a hanging target can never stall the loop, let alone
/// other checks. The sink is called only from the loop.
/// </remarks>
internal abstract class IntervalCheckRunner : LoopRunner
{
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(2);
    private readonly ICheckStatusSink sink;
    private readonly bool stagger;

    protected IntervalCheckRunner(string checkId, string type, TimeSpan interval, TimeSpan timeout, ICheckStatusSink sink, bool stagger)
        : base(checkId, type)
    {
        Interval = interval;
        Timeout = timeout;
        this.sink = sink;
        this.stagger = stagger;
    }

    public TimeSpan Interval { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Runs the check once; <paramref name="cancellationToken"/> fires at the timeout or on stop.</summary>
    protected abstract Task<CheckResult> CheckOnceAsync(CancellationToken cancellationToken);

    /// <summary>The output reported when a run had to be abandoned at its timeout.</summary>
    protected virtual string TimeoutOutput() => $"Timed out ({GoDuration.Format(Timeout)}) running check";

    protected sealed override async Task RunLoopAsync(CancellationToken stop)
    {
        if (stagger)
        {
            await Task.Delay(TimeSpan.FromTicks(Random.Shared.NextInt64(Math.Max(1, Interval.Ticks))), stop).ConfigureAwait(false);
        }

        while (!stop.IsCancellationRequested)
        {
            var result = await RunOnceAsync(stop).ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            sink.UpdateCheck(CheckId, result.Status, result.Output);
            await Task.Delay(Interval, stop).ConfigureAwait(false);
        }
    }

    private async Task<CheckResult> RunOnceAsync(CancellationToken stop)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stop);
        run.CancelAfter(Timeout);
        Task<CheckResult> attempt;
        try
        {
            attempt = CheckOnceAsync(run.Token);
        }
        catch (Exception ex)
        {
            return new CheckResult(HealthStatus.Critical, ex.Message);
        }

        try
        {
            return await attempt.WaitAsync(Timeout + AbandonGrace, stop).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The run ignored its cancellation: leave it behind and observe its fault so it is not unobserved.
            _ = attempt.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            return new CheckResult(HealthStatus.Critical, TimeoutOutput());
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return new CheckResult(HealthStatus.Critical, TimeoutOutput());
        }
        catch (OperationCanceledException)
        {
            return new CheckResult(HealthStatus.Critical, "stopped");
        }
        catch (Exception ex)
        {
            return new CheckResult(HealthStatus.Critical, ex.Message);
        }
    }
}
