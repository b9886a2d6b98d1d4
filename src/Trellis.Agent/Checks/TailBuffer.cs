using System.Text;

namespace Trellis.Agent.Checks;

/// <summary>
/// Keeps the last <c>capacity</c> bytes written (Consul's circular output buffer) and counts all bytes written.
/// </summary>
/// <remarks>Thread-safe: script checks write stdout and stderr from two readers.</remarks>
internal sealed class TailBuffer(int capacity)
{
    private readonly byte[] buffer = new byte[capacity];
    private readonly Lock gate = new();
    private long written;

    public long TotalWritten
    {
        get
        {
            lock (gate)
            {
                return written;
            }
        }
    }

    /// <summary>How many bytes are retained (at most the capacity).</summary>
    public int Retained
    {
        get
        {
            lock (gate)
            {
                return (int)Math.Min(written, capacity);
            }
        }
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        lock (gate)
        {
            if (data.Length > capacity)
            {
                // Only the last `capacity` bytes can survive; skip the rest but count them.
                written += data.Length - capacity;
                data = data[^capacity..];
            }

            foreach (var b in data)
            {
                buffer[written % capacity] = b;
                written++;
            }
        }
    }

    /// <summary>The retained bytes, oldest first, decoded as UTF-8.</summary>
    public override string ToString()
    {
        lock (gate)
        {
            if (written <= capacity)
            {
                return Encoding.UTF8.GetString(buffer, 0, (int)written);
            }

            var start = (int)(written % capacity);
            var ordered = new byte[capacity];
            Array.Copy(buffer, start, ordered, 0, capacity - start);
            Array.Copy(buffer, 0, ordered, capacity - start, start);
            return Encoding.UTF8.GetString(ordered);
        }
    }
}
