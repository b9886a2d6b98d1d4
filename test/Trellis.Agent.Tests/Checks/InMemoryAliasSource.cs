using Trellis.Agent.Checks;
using Trellis.Core.Catalog;

namespace Trellis.Agent.Tests.Checks;

/// <summary>
/// A small but real <see cref="IAliasSource"/>: a versioned set of checks and services where a watch blocks until the
/// index moves, as the agent's local state will.
/// </summary>
internal sealed class InMemoryAliasSource : IAliasSource
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HealthCheck> checks = [];
    private readonly HashSet<(string Node, string Service)> services = [];
    private ulong index = 1;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Exception? Failure { get; set; }

    public void Put(HealthCheck check) => Mutate(() => checks[check.Node + "/" + check.CheckID] = check);

    public void AddService(string node, string serviceId) => Mutate(() => services.Add((node, serviceId)));

    public async Task<AliasChecks> WatchChecksAsync(string node, ulong minIndex, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (Failure is not null)
                {
                    throw Failure;
                }

                if (index > minIndex)
                {
                    return new AliasChecks(index, [.. checks.Values.Where(c => node.Length == 0 || c.Node == node)]);
                }

                wait = changed.Task;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }

    public Task<bool> ServiceExistsAsync(string node, string serviceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(services.Contains((node, serviceId)));
        }
    }

    private void Mutate(Action change)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            change();
            index++;
            signal = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }
}
