namespace Trellis.Core.Filtering;

/// <summary>Typed access to a dictionary field without reflection per item: lookup by string key and count.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
internal sealed class MapAccess
{
    private MapAccess(Func<object, string, (bool Found, object? Value)> lookup, Func<object, int> count)
    {
        Lookup = lookup;
        Count = count;
    }

    public Func<object, string, (bool Found, object? Value)> Lookup { get; }

    public Func<object, int> Count { get; }

    public static MapAccess For(Type valueType) =>
        (MapAccess)typeof(MapAccess).GetMethod(nameof(ForValue), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(valueType)
            .Invoke(null, null)!;

    public static MapAccess ForOpaque(Type mapType) =>
        new((_, _) => (false, null), map => map is System.Collections.ICollection c ? c.Count : CountByEnumerating(map));

    private static MapAccess ForValue<TValue>() => new(
        (map, key) => map switch
        {
            IReadOnlyDictionary<string, TValue> readOnly => readOnly.TryGetValue(key, out var v) ? (true, v) : (false, null),
            IDictionary<string, TValue> dictionary => dictionary.TryGetValue(key, out var v) ? (true, v) : (false, null),
            _ => (false, null),
        },
        map => map switch
        {
            IReadOnlyCollection<KeyValuePair<string, TValue>> readOnly => readOnly.Count,
            ICollection<KeyValuePair<string, TValue>> collection => collection.Count,
            _ => CountByEnumerating(map),
        });

    internal static int CountByEnumerating(object value)
    {
        if (value is System.Collections.ICollection collection)
        {
            return collection.Count;
        }

        var count = 0;
        foreach (var unused in (System.Collections.IEnumerable)value)
        {
            count++;
        }

        return count;
    }
}
