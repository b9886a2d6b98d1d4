namespace Trellis.Server.Leader;

/// <summary>
/// The term of leadership a leader loop currently serves. <see cref="Begin"/> drops whatever the previous term left
/// and adopts the new one; when that term ends (its token is cancelled) the loop's state is dropped again, unless a
/// newer term has begun meanwhile. <see cref="End"/> stops serving for good.
/// </summary>
/// <remarks>
/// Thread-safe through the owner's lock: every change, and every call of the owner's clear action, happens under
/// <c>gate</c>. Read <see cref="Current"/> under the same lock.
/// </remarks>
public sealed class LeaderTerm(Lock gate, Action clearLocked)
{
    /// <summary>The token of the term being served; cancelled when there is none.</summary>
    public CancellationToken Current { get; private set; } = new(canceled: true);

    public void Begin(CancellationToken term)
    {
        lock (gate)
        {
            clearLocked();
            Current = term;
        }

        term.Register(() =>
        {
            lock (gate)
            {
                if (Current == term)
                {
                    clearLocked();
                }
            }
        });
    }

    public void End()
    {
        lock (gate)
        {
            clearLocked();
            Current = new CancellationToken(canceled: true);
        }
    }
}
