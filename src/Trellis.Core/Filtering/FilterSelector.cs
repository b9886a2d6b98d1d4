namespace Trellis.Core.Filtering;

/// <summary>A path into a record: field names, map keys (<c>Meta["k"]</c> or <c>Meta.k</c>) and so on.</summary>
/// <remarks>Immutable; safe to share between threads. Equality compares the path element by element.</remarks>
public sealed record FilterSelector
{
    public FilterSelector(FilterSelectorType type, IReadOnlyList<string> path)
    {
        Type = type;
        Path = path.ToArray();
    }

    public FilterSelectorType Type { get; }

    public IReadOnlyList<string> Path { get; }

    /// <summary>The path joined the way go-bexpr prints it in errors and uses as a bare value: with "." (or "/" for a JSON pointer).</summary>
    public override string ToString() => string.Join(Type == FilterSelectorType.JsonPointer ? "/" : ".", Path);

    public bool Equals(FilterSelector? other) =>
        other is not null && other.Type == Type && other.Path.SequenceEqual(Path, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        foreach (var part in Path)
        {
            hash.Add(part, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
