using Microsoft.Extensions.Logging;

namespace Trellis.Agent.Logging;

/// <summary>
/// The agent's log as it is written, for <c>/v1/agent/monitor</c>: lines at or above a level, in text or JSON,
/// whatever level the agent itself logs at.
/// </summary>
/// <remarks>Thread-safe; any number of readers at once.</remarks>
public interface ILogStream
{
    /// <summary>
    /// Lines logged from now on until <paramref name="cancellationToken"/> is cancelled (the sequence then ends
    /// without throwing). A reader that falls too far behind loses lines and is told how many in the stream.
    /// </summary>
    IAsyncEnumerable<string> ReadAsync(LogLevel minimum, bool json, CancellationToken cancellationToken);
}
