using System.Collections.Immutable;

namespace Trellis.Core.Hcl;

/// <summary>
/// An object (a file's top level, a block, or <c>{ ... }</c>): keys in source order, each once.
/// Equality ignores key order, as for a Go map.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed class HclObject : HclValue
{
    private readonly ImmutableDictionary<string, HclValue> _byKey;

    public HclObject(IEnumerable<KeyValuePair<string, HclValue>> entries, int line = 0, int column = 0)
        : this(entries, keyPositions: null, line, column)
    {
    }

    /// <param name="keyPositions">Where each key itself was written (for "line N: key x" messages); may be null.</param>
    public HclObject(
        IEnumerable<KeyValuePair<string, HclValue>> entries,
        IReadOnlyDictionary<string, (int Line, int Column)>? keyPositions,
        int line = 0,
        int column = 0)
        : base(line, column)
    {
        var builder = ImmutableArray.CreateBuilder<KeyValuePair<string, HclValue>>();
        var map = ImmutableDictionary.CreateBuilder<string, HclValue>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (map.ContainsKey(entry.Key))
            {
                throw new ArgumentException($"duplicate key \"{entry.Key}\"", nameof(entries));
            }

            map.Add(entry.Key, entry.Value);
            builder.Add(entry);
        }

        Entries = builder.ToImmutable();
        _byKey = map.ToImmutable();
        KeyPositions = keyPositions ?? ImmutableDictionary<string, (int, int)>.Empty;
    }

    public static HclObject Empty { get; } = new([]);

    /// <summary>Key/value pairs in source order.</summary>
    public ImmutableArray<KeyValuePair<string, HclValue>> Entries { get; }

    public IReadOnlyDictionary<string, (int Line, int Column)> KeyPositions { get; }

    public int Count => Entries.Length;

    public override string TypeName => "object";

    public bool TryGetValue(string key, out HclValue value) => _byKey.TryGetValue(key, out value!);

    /// <summary>Where <paramref name="key"/> was written; falls back to the value's position.</summary>
    public (int Line, int Column) PositionOf(string key) =>
        KeyPositions.TryGetValue(key, out var p) ? p
        : _byKey.TryGetValue(key, out var v) ? (v.Line, v.Column)
        : (Line, Column);

    public override bool Equals(HclValue? other)
    {
        if (other is not HclObject o || o._byKey.Count != _byKey.Count)
        {
            return false;
        }

        foreach (var (key, value) in _byKey)
        {
            if (!o._byKey.TryGetValue(key, out var theirs) || !value.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        // Order-independent: XOR of per-entry hashes.
        var hash = _byKey.Count;
        foreach (var (key, value) in _byKey)
        {
            hash ^= HashCode.Combine(key, value);
        }

        return hash;
    }
}
