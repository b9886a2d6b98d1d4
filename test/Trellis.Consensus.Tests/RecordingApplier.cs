using System.Text;

namespace Trellis.Consensus.Tests;

/// <summary>
/// A deterministic test state machine: the state is the ordered list of applied (index, payload) pairs;
/// the result of an entry is "r:" + its payload, so callers can check they got their own result.
/// </summary>
/// <remarks>Called by the log's apply loop only; <see cref="Entries"/> is read by tests after waits.</remarks>
internal sealed class RecordingApplier : ICommandApplier
{
    private readonly Lock sync = new();
    private readonly List<(ulong Index, string Payload)> entries = [];

    public int Restores { get; private set; }

    public IReadOnlyList<(ulong Index, string Payload)> Entries
    {
        get
        {
            lock (sync)
                return [.. entries];
        }
    }

    public object? Apply(ReadOnlySpan<byte> entry, ulong index)
    {
        var payload = Encoding.UTF8.GetString(entry);
        lock (sync)
        {
            if (entries.Count > 0 && entries[^1].Index >= index)
                throw new InvalidOperationException($"Entry {index} applied out of order after {entries[^1].Index}");
            entries.Add((index, payload));
        }

        return "r:" + payload;
    }

    public void WriteSnapshot(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        var copy = Entries;
        writer.Write(copy.Count);
        foreach (var (index, payload) in copy)
        {
            writer.Write(index);
            writer.Write(payload);
        }
    }

    public void RestoreSnapshot(Stream source)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        var count = reader.ReadInt32();
        var restored = new List<(ulong, string)>(count);
        for (var i = 0; i < count; i++)
            restored.Add((reader.ReadUInt64(), reader.ReadString()));
        lock (sync)
        {
            entries.Clear();
            entries.AddRange(restored);
        }

        Restores++;
    }
}
