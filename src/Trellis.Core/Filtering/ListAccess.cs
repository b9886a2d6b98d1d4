namespace Trellis.Core.Filtering;

/// <summary>
/// Typed iteration over a list field without reflection or enumerator allocation per item: "does any element
/// satisfy the predicate" and "is it empty".
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
internal sealed class ListAccess
{
    private ListAccess(Func<object, Func<object?, bool>, bool> any, Func<object, bool> isEmpty)
    {
        Any = any;
        IsEmpty = isEmpty;
    }

    public Func<object, Func<object?, bool>, bool> Any { get; }

    public Func<object, bool> IsEmpty { get; }

    public static ListAccess For(Type elementType) =>
        (ListAccess)typeof(ListAccess).GetMethod(nameof(ForElement), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(elementType)
            .Invoke(null, null)!;

    private static ListAccess ForElement<TElement>() => new(
        (list, predicate) =>
        {
            if (list is IReadOnlyList<TElement> indexed)
            {
                for (var i = 0; i < indexed.Count; i++)
                {
                    if (predicate(indexed[i]))
                    {
                        return true;
                    }
                }

                return false;
            }

            foreach (var item in (IEnumerable<TElement>)list)
            {
                if (predicate(item))
                {
                    return true;
                }
            }

            return false;
        },
        list => list switch
        {
            IReadOnlyCollection<TElement> collection => collection.Count == 0,
            ICollection<TElement> collection => collection.Count == 0,
            _ => !((IEnumerable<TElement>)list).Any(),
        });
}
