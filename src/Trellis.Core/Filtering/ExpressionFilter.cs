namespace Trellis.Core.Filtering;

/// <summary>
/// A compiled <c>?filter=</c> expression over records of type <typeparamref name="T"/> (Consul's go-bexpr language).
/// Selectors name <typeparamref name="T"/>'s public properties, case-sensitively, as the JSON field names do.
/// </summary>
/// <remarks>
/// Create once per request with <see cref="Create"/>, which parses, validates the selectors against
/// <typeparamref name="T"/> and coerces the values; <see cref="Matches"/> and <see cref="Apply"/> are then cheap and
/// thread-safe (the filter is immutable).
/// </remarks>
public sealed class ExpressionFilter<T>
    where T : notnull
{
    private static readonly ExpressionFilter<T> All = new(null, _ => true);

    private readonly Func<object, bool> _predicate;

    private ExpressionFilter(FilterExpression? expression, Func<object, bool> predicate)
    {
        Expression = expression;
        _predicate = predicate;
    }

    /// <summary>The parsed expression; null for the empty filter, which matches everything.</summary>
    public FilterExpression? Expression { get; }

    /// <summary>
    /// Parses and validates <paramref name="expression"/>. An empty expression is no filter (everything matches),
    /// as in Consul.
    /// </summary>
    /// <exception cref="Errors.InvalidRequestException">
    /// The expression does not parse, names a field <typeparamref name="T"/> does not have, uses an operator the
    /// field does not support, or has a value that does not convert to the field's type. The message is Consul's,
    /// starting with "Failed to create boolean expression evaluator: ".
    /// </exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "ExpressionFilter<Foo>.Create(text) reads as the factory it is.")]
    public static ExpressionFilter<T> Create(string? expression)
    {
        if (string.IsNullOrEmpty(expression))
        {
            return All;
        }

        var parsed = FilterParser.Parse(expression);
        return new ExpressionFilter<T>(parsed, FilterCompiler.Compile(parsed, typeof(T)));
    }

    /// <summary>Whether <paramref name="item"/> satisfies the expression.</summary>
    public bool Matches(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _predicate(item);
    }

    /// <summary>The items that satisfy the expression, in their order.</summary>
    public IReadOnlyList<T> Apply(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (Expression is null)
        {
            return items as IReadOnlyList<T> ?? items.ToList();
        }

        var result = new List<T>();
        foreach (var item in items)
        {
            if (_predicate(item))
            {
                result.Add(item);
            }
        }

        return result;
    }
}
