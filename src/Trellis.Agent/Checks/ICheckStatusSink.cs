namespace Trellis.Agent.Checks;

/// <summary>
/// Where a check runner reports results: the agent's local state (Consul's <c>CheckNotifier.UpdateCheck</c>).
/// </summary>
/// <remarks>
/// Runners call <see cref="UpdateCheck"/> from their own loop task (thread-pool threads), one call at a time per
/// runner but concurrently across runners; implementations must be thread-safe and must not block for long, since a
/// slow sink delays that runner's next run (never other runners).
/// </remarks>
public interface ICheckStatusSink
{
    /// <summary>Records the new <paramref name="status"/> (a <c>HealthStatus</c> value) and output of a check.</summary>
    void UpdateCheck(string checkId, string status, string output);
}
