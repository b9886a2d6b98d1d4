using System.Runtime.CompilerServices;

namespace Trellis.Api.Agent;

/// <summary><c>/v1/agent/monitor</c>: the agent's log lines as they are written.</summary>
public sealed partial class AgentClient
{
    /// <summary>
    /// Streams log lines at or above <paramref name="logLevel"/> (trace, debug, info, warn, error) until
    /// <paramref name="cancellationToken"/> is cancelled or the agent ends the stream (also by going away). Throws
    /// <see cref="ApiException"/> when the agent refuses to start (an unknown level is a 400).
    /// </summary>
    public async IAsyncEnumerable<string> MonitorAsync(string logLevel, bool json, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string?>> { new("loglevel", logLevel) };
        if (json)
        {
            query.Add(new("logjson", null));
        }

        using var response = await _transport.SendAsync(HttpMethod.Get, "/v1/agent/monitor", query, null, null, null, cancellationToken,
            completion: HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                // The agent went away mid-stream (shutdown, crash, connection reset): the stream has ended.
                yield break;
            }

            if (line is null)
            {
                yield break;
            }

            yield return line;
        }
    }
}
