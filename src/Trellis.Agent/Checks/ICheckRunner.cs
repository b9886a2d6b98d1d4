namespace Trellis.Agent.Checks;

/// <summary>
/// A running health check: built by <see cref="CheckRunnerFactory"/>, started once, stopped once. While started it
/// reports to its <see cref="ICheckStatusSink"/> on its own loop; a hanging target never delays another runner.
/// </summary>
/// <remarks>
/// <see cref="Start"/>, <see cref="StopAsync"/> and <see cref="IAsyncDisposable.DisposeAsync"/> may be called from
/// any thread; they are idempotent. After <see cref="StopAsync"/> completes the runner reports nothing more.
/// A stopped runner cannot be started again: build a new one.
/// </remarks>
public interface ICheckRunner : IAsyncDisposable
{
    /// <summary>The check id the runner reports for.</summary>
    string CheckId { get; }

    /// <summary>Consul's check type name: "http", "tcp", "udp", "grpc", "h2ping", "ttl", "script" or "alias".</summary>
    string Type { get; }

    /// <summary>Starts the loop (interval checks start after a random stagger of up to one interval, as Consul).</summary>
    void Start();

    /// <summary>Stops the loop and waits until it has exited (a run in flight is cancelled).</summary>
    Task StopAsync();
}
