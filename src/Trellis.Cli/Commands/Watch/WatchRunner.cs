using Trellis.Api;
using Trellis.Cli.Commands.Common;

namespace Trellis.Cli.Commands.Watch;

/// <summary>
/// Repeats a <see cref="WatchPlan"/>'s blocking query as Consul's watch plan does: the handler runs for the first
/// result and then whenever the index moves and the result differs; errors are logged and retried with a backoff
/// of 5 s × failures² (at most 180 s), resetting the index.
/// </summary>
/// <remarks>One instance per watch run; not thread-safe.</remarks>
public sealed class WatchRunner
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(180);

    private readonly WatchPlan _plan;
    private readonly TrellisClient _client;
    private readonly CommandIo _io;

    public WatchRunner(WatchPlan plan, TrellisClient client, CommandIo io)
    {
        _plan = plan;
        _client = client;
        _io = io;
    }

    /// <summary>
    /// Runs until <paramref name="handler"/> returns false (stop) or <paramref name="cancellationToken"/> fires.
    /// Throws <see cref="ApiException"/> 404 for the event type when the agent has no event API.
    /// </summary>
    public async Task RunAsync(Func<ulong, string, Task<bool>> handler, CancellationToken cancellationToken)
    {
        ulong? last = null;
        string? lastJson = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            WatchResult result;
            try
            {
                result = await _plan.FetchAsync(_client, last ?? 0, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex) when (_plan.Type == "event" && ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                throw;
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                failures++;
                last = null;
                var retry = RetryInterval * (failures * failures);
                if (retry > MaxBackoff)
                {
                    retry = MaxBackoff;
                }

                _io.Error.WriteLine($"[ERROR] watch: Watch errored: type={_plan.Type} error=\"{ex.Message}\" retry={retry.TotalSeconds}s");
                await Task.Delay(retry, cancellationToken).ConfigureAwait(false);
                continue;
            }

            failures = 0;
            if (last is not null && last == result.Index)
            {
                continue;
            }

            var previous = last;
            last = result.Index;
            if (previous is not null && lastJson == result.Json)
            {
                continue;
            }

            lastJson = result.Json;
            if (!await handler(result.Index, result.Json).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
