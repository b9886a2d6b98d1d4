namespace Trellis.State.Tables;

/// <summary>
/// Compares catalog names (nodes, service IDs and names, check IDs) as Consul's indexes do: case-insensitively, in the
/// ordinal order of their lower-case form. Allocation-free.
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
internal sealed class CatalogKey : IComparer<string>, IEqualityComparer<string>
{
    public static readonly CatalogKey Comparer = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var a = char.ToLowerInvariant(x[i]);
            var b = char.ToLowerInvariant(y[i]);
            if (a != b)
            {
                return a.CompareTo(b);
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    public bool Equals(string? x, string? y) => Compare(x, y) == 0;

    public int GetHashCode(string obj)
    {
        var hash = new HashCode();
        foreach (var c in obj)
        {
            hash.Add(char.ToLowerInvariant(c));
        }

        return hash.ToHashCode();
    }

    /// <summary>The normalized form used for watch topics and the per-service index.</summary>
    public static string Normalize(string name) => name.ToLowerInvariant();
}
