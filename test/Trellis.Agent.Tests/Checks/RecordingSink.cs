using Trellis.Agent.Checks;

namespace Trellis.Agent.Tests.Checks;

/// <summary>A sink that records every update and lets a test wait (bounded) for one that matches.</summary>
internal sealed class RecordingSink : ICheckStatusSink
{
    private readonly Lock gate = new();
    private readonly List<(string CheckId, string Status, string Output)> updates = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string CheckId, string Status, string Output)> Updates
    {
        get
        {
            lock (gate)
            {
                return [.. updates];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return updates.Count;
            }
        }
    }

    public void UpdateCheck(string checkId, string status, string output)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            updates.Add((checkId, status, output));
            signal = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    /// <summary>Waits until an update after position <paramref name="from"/> has <paramref name="status"/>; fails after <paramref name="within"/>.</summary>
    public async Task<(string CheckId, string Status, string Output)> WaitForAsync(string status, int from = 0, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task next;
            lock (gate)
            {
                for (var i = from; i < updates.Count; i++)
                {
                    if (updates[i].Status == status)
                    {
                        return updates[i];
                    }
                }

                next = changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"no '{status}' update after #{from}; got: {string.Join(" | ", Updates.Select(u => $"{u.Status}: {u.Output}"))}");
            }

            await Task.WhenAny(next, Task.Delay(left));
        }
    }
}
