namespace Trellis.TestKit;

/// <summary>Captured stdout/stderr lines of one agent (the most recent <see cref="Capacity"/> lines).</summary>
/// <remarks>Thread-safe: the process's output callbacks append while tests read; guarded by a lock.</remarks>
public sealed class AgentLog
{
    /// <summary>How many lines are kept; older ones are dropped.</summary>
    public const int Capacity = 5000;

    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();
    private long _total;

    /// <summary>Count of lines ever appended; pass it to <see cref="Since"/> later.</summary>
    public long Mark()
    {
        lock (_gate)
        {
            return _total;
        }
    }

    /// <summary>Appends one line.</summary>
    public void Append(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            _total++;
            if (_lines.Count > Capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>Lines appended after <paramref name="mark"/> that are still kept.</summary>
    public IReadOnlyList<string> Since(long mark)
    {
        lock (_gate)
        {
            var firstKept = _total - _lines.Count;
            return _lines.Skip((int)Math.Max(0, mark - firstKept)).ToList();
        }
    }

    /// <summary>Every kept line as one string (for failure messages).</summary>
    public string Tail(int lines = 200)
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _lines.Skip(Math.Max(0, _lines.Count - lines)));
        }
    }
}
