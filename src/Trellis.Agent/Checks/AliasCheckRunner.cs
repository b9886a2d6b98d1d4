using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.Agent.Checks;

/// <summary>
/// <c>alias_node</c> / <c>alias_service</c>: mirrors the health of another node or service. It watches the node's
/// checks through <see cref="IAliasSource"/> and reports the worst state: critical beats warning beats passing, with
/// "Aliased check "name" failing: output", "All checks passing." or "No checks found."; a service that does not
/// exist is critical with "Service id could not be found on node n". Results bypass the thresholds, as in Consul.
/// </summary>
/// <remarks>
/// One loop task per runner; consecutive failures of the source back off exponentially from the 4th one (up to one
/// minute), and the second and later failures report critical "Failure checking aliased node or service: …".
/// </remarks>
internal sealed class AliasCheckRunner(string checkId, string node, string serviceId, IAliasSource source, ICheckStatusSink sink)
    : LoopRunner(checkId, "alias")
{
    private const int BackoffMin = 3;
    private static readonly TimeSpan BackoffMax = TimeSpan.FromMinutes(1);

    protected override async Task RunLoopAsync(CancellationToken stop)
    {
        ulong index = 0;
        var attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            if (attempt > BackoffMin)
            {
                var wait = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt - BackoffMin, 16)));
                await Task.Delay(wait < BackoffMax ? wait : BackoffMax, stop).ConfigureAwait(false);
            }

            AliasChecks view;
            try
            {
                view = await source.WatchChecksAsync(node, index, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                attempt++;
                if (attempt > 1)
                {
                    sink.UpdateCheck(CheckId, HealthStatus.Critical, $"Failure checking aliased node or service: {ex.Message}");
                }

                continue;
            }

            attempt = 0;
            // Consul compat: never block on index 0, which would return at once and spin.
            index = Math.Max(view.Index, 1);
            var (status, output) = await EvaluateAsync(view.Checks, stop).ConfigureAwait(false);
            if (!stop.IsCancellationRequested)
            {
                sink.UpdateCheck(CheckId, status, output);
            }
        }
    }

    private async Task<(string Status, string Output)> EvaluateAsync(IReadOnlyList<HealthCheck> checks, CancellationToken stop)
    {
        var health = HealthStatus.Passing;
        var message = "No checks found.";
        var serviceFound = false;
        foreach (var check in checks)
        {
            if (node.Length > 0 && !string.Equals(node, check.Node, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A node-level alias check on this agent is among the node's checks: it must not follow itself.
            if (node.Length == 0 && check.CheckID == CheckId)
            {
                continue;
            }

            // Consul compat: an alias of a service also follows the node's own checks; an alias of a node follows
            // only node-level checks (a service id of "" matches exactly those).
            var serviceMatch = check.ServiceID == serviceId;
            if (check.ServiceID.Length > 0 && !serviceMatch)
            {
                continue;
            }

            serviceFound |= serviceMatch;
            if (check.Status is HealthStatus.Critical or HealthStatus.Warning)
            {
                health = check.Status;
                message = $"Aliased check \"{check.Name}\" failing: {check.Output}";
                if (check.Status == HealthStatus.Critical)
                {
                    break;
                }
            }
            else if (health == HealthStatus.Passing)
            {
                message = "All checks passing.";
            }
        }

        // A node alias (no service id) has nothing whose existence to check.
        if (!serviceFound && serviceId.Length > 0 && !await ServiceExistsAsync(stop).ConfigureAwait(false))
        {
            health = HealthStatus.Critical;
            message = $"Service {serviceId} could not be found on node {node}";
        }

        return (health, message);
    }

    private async Task<bool> ServiceExistsAsync(CancellationToken stop)
    {
        try
        {
            return await source.ServiceExistsAsync(node, serviceId, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Consul compat: when existence cannot be determined, assume the service exists.
            return true;
        }
    }
}
