namespace Trellis.Server.Leader;

/// <summary>
/// Runs a leader-only write until it succeeds or leadership ends: failed or refused attempts are retried with a
/// doubling backoff (100 ms up to 5 s).
/// </summary>
/// <remarks>Stateless; each call owns its loop.</remarks>
internal static class LeaderRetry
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <param name="attempt">One try; true when done. An exception counts as a failed try while leadership lasts.</param>
    public static async Task RunAsync(Func<CancellationToken, Task<bool>> attempt, TimeProvider time, CancellationToken leadership)
    {
        var backoff = FirstBackoff;
        while (!leadership.IsCancellationRequested)
        {
            try
            {
                if (await attempt(leadership).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (Exception) when (!leadership.IsCancellationRequested)
            {
                // Not committed (yet): try again below.
            }
            catch (Exception)
            {
                return;
            }

            try
            {
                await Task.Delay(backoff, time, leadership).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }
}
