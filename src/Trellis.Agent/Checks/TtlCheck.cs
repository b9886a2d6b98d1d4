using Trellis.Core.Checks;

namespace Trellis.Agent.Checks;

/// <summary>
/// <c>ttl</c>: the application reports its own state (<c>/v1/agent/check/pass|warn|fail|update</c>); each report
/// renews the TTL. When no report arrives within the TTL the check turns critical with "TTL expired" (followed by
/// " (last output before timeout follows): …" when a report carried output). Reports bypass the thresholds, as in
/// Consul.
/// </summary>
/// <remarks>
/// <see cref="SetStatus"/> and its shorthands may be called from any thread (HTTP requests) concurrently with the
/// expiry timer; a lock orders them, and a report and an expiry never interleave in the sink.
/// </remarks>
public sealed class TtlCheck : ICheckRunner
{
    private readonly ICheckStatusSink sink;
    private readonly int outputMaxSize;
    private readonly Lock gate = new();
    private readonly ITimer timer;
    private readonly TimeProvider time;
    private long deadline;
    private string lastOutput = "";
    private bool running;
    private bool stopped;

    internal TtlCheck(string checkId, TimeSpan ttl, int outputMaxSize, ICheckStatusSink sink, TimeProvider time)
    {
        CheckId = checkId;
        Ttl = ttl;
        this.outputMaxSize = outputMaxSize;
        this.sink = sink;
        this.time = time;
        timer = time.CreateTimer(_ => Expire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string CheckId { get; }

    public string Type => "ttl";

    public TimeSpan Ttl { get; }

    public void Start()
    {
        lock (gate)
        {
            if (stopped)
            {
                throw new InvalidOperationException($"Check {CheckId} was stopped; build a new runner.");
            }

            if (!running)
            {
                running = true;
                Arm();
            }
        }
    }

    /// <summary>
    /// Sets the status (a <see cref="HealthStatus"/> value) and output and renews the TTL. Returns the output as
    /// stored: cut to <c>output_max_size</c> bytes with " ... (captured N of M bytes)" appended when longer.
    /// </summary>
    public string SetStatus(string status, string output)
    {
        var total = System.Text.Encoding.UTF8.GetByteCount(output);
        if (total > outputMaxSize)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(output);
            output = $"{System.Text.Encoding.UTF8.GetString(bytes, 0, outputMaxSize)} ... (captured {outputMaxSize} of {total} bytes)";
        }

        lock (gate)
        {
            if (stopped)
            {
                return output;
            }

            sink.UpdateCheck(CheckId, status, output);
            lastOutput = output;
            if (running)
            {
                Arm();
            }
        }

        return output;
    }

    public string Pass(string note) => SetStatus(HealthStatus.Passing, note);

    public string Warn(string note) => SetStatus(HealthStatus.Warning, note);

    public string Fail(string note) => SetStatus(HealthStatus.Critical, note);

    public Task StopAsync()
    {
        lock (gate)
        {
            stopped = true;
            running = false;
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await timer.DisposeAsync().ConfigureAwait(false);
    }

    private void Arm()
    {
        deadline = time.GetTimestamp() + (long)(Ttl.TotalSeconds * time.TimestampFrequency);
        timer.Change(Ttl, Timeout.InfiniteTimeSpan);
    }

    private void Expire()
    {
        lock (gate)
        {
            if (!running)
            {
                return;
            }

            // A renewal that won the lock while this callback waited moved the deadline (or the timer fired a hair
            // early): wait for the rest.
            var left = deadline - time.GetTimestamp();
            if (left > 0)
            {
                timer.Change(TimeSpan.FromSeconds((double)left / time.TimestampFrequency) + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
                return;
            }

            // Consul compat: the expiry text keeps the last output so that operators see what was reported last.
            var output = lastOutput.Length == 0 ? "TTL expired" : $"TTL expired (last output before timeout follows): {lastOutput}";
            sink.UpdateCheck(CheckId, HealthStatus.Critical, output);
        }
    }
}
