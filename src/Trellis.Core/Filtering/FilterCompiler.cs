using System.Text.RegularExpressions;
using Trellis.Core.Errors;

namespace Trellis.Core.Filtering;

/// <summary>
/// Validates a parsed expression against a record type and turns it into one delegate: selectors are resolved to
/// cached property getters and map lookups, values are coerced to the field's type, regular expressions compiled,
/// all once. Evaluating an item then costs no reflection, parsing or allocation beyond boxing of numbers.
/// </summary>
/// <remarks>Stateless; safe to call from any thread. The delegates it returns are thread-safe.</remarks>
internal static class FilterCompiler
{
    public static Func<object, bool> Compile(FilterExpression expression, Type root)
    {
        switch (expression)
        {
            case FilterBinaryExpression binary:
                var left = Compile(binary.Left, root);
                var right = Compile(binary.Right, root);
                return binary.Operator == FilterBinaryOperator.And
                    ? item => left(item) && right(item)
                    : item => left(item) || right(item);
            case FilterNotExpression not:
                var operand = Compile(not.Operand, root);
                return item => !operand(item);
            case FilterMatchExpression match:
                var step = Step(match, root, 0);
                return item => step(item);
            default:
                throw new ArgumentException($"Unknown expression node {expression.GetType().Name}.", nameof(expression));
        }
    }

    /// <summary>
    /// What a match yields when the selected map key, or a record on the way to it, is absent: the negative
    /// operators hold, the positive ones do not (go-bexpr's rule for missing map keys).
    /// </summary>
    private static bool NotPresent(FilterMatchOperator op) =>
        op is FilterMatchOperator.NotEqual or FilterMatchOperator.NotIn or FilterMatchOperator.IsEmpty or FilterMatchOperator.NotMatches;

    private static Func<object?, bool> Step(FilterMatchExpression match, Type type, int depth)
    {
        var path = match.Selector.Path;
        var shape = FieldShape.Of(type);
        if (depth == path.Count)
        {
            // A field of a type the language cannot compare (an enum, say) is not selectable at all.
            return shape.Kind == FieldKind.Unsupported
                ? throw Invalid($"Selector {Formats.GoQuote.Quote(string.Join('.', path))} is not valid")
                : Leaf(match, shape);
        }

        var absent = NotPresent(match.Operator);
        switch (shape.Kind)
        {
            case FieldKind.Record when shape.Properties.TryGetValue(path[depth], out var getter):
                var field = Step(match, shape.PropertyTypes[path[depth]], depth + 1);
                return value => value is null ? absent : field(getter(value));
            case FieldKind.Map:
                var key = path[depth];
                var lookup = shape.Map!.Lookup;
                var entry = Step(match, shape.ElementType!, depth + 1);
                return value =>
                {
                    if (value is null)
                    {
                        return absent;
                    }

                    var (found, item) = lookup(value, key);
                    return found ? entry(item) : absent;
                };
            case FieldKind.List when FieldShape.Of(shape.ElementType!).Kind is FieldKind.Record or FieldKind.Map or FieldKind.List:
                // Consul compat: a selector that goes through a list of records matches when ANY element matches.
                var element = Step(match, shape.ElementType!, depth);
                var any = shape.List!.Any;
                return value => value is not null && any(value, element);
            default:
                throw Invalid($"Selector {Formats.GoQuote.Quote(string.Join('.', path.Take(depth + 1)))} is not valid");
        }
    }

    private static Func<object?, bool> Leaf(FilterMatchExpression match, FieldShape shape)
    {
        var op = match.Operator;
        if (!Supports(shape, op))
        {
            throw Invalid($"Invalid match operator {Formats.GoQuote.Quote(OperatorName(op))} for selector {Formats.GoQuote.Quote(match.Selector.ToString())}");
        }

        switch (op)
        {
            case FilterMatchOperator.IsEmpty or FilterMatchOperator.IsNotEmpty:
                var wantEmpty = op == FilterMatchOperator.IsEmpty;
                return shape.Kind switch
                {
                    FieldKind.String => value => (((string?)value)?.Length ?? 0) == 0 == wantEmpty,
                    FieldKind.Map or FieldKind.OpaqueMap => value => (value is null || shape.Map!.Count(value) == 0) == wantEmpty,
                    _ => value => (value is null || shape.List!.IsEmpty(value)) == wantEmpty,
                };
            case FilterMatchOperator.Matches or FilterMatchOperator.NotMatches:
                var regex = CompileRegex(match.Value!);
                var wantMatch = op == FilterMatchOperator.Matches;
                return value => regex.IsMatch((string?)value ?? "") == wantMatch;
            case FilterMatchOperator.In or FilterMatchOperator.NotIn:
                var wantIn = op == FilterMatchOperator.In;
                switch (shape.Kind)
                {
                    case FieldKind.String:
                        var needle = match.Value!;
                        return value => ((string?)value ?? "").Contains(needle, StringComparison.Ordinal) == wantIn;
                    case FieldKind.Map:
                        var key = match.Value!;
                        var lookup = shape.Map!.Lookup;
                        return value => (value is not null && lookup(value, key).Found) == wantIn;
                    default:
                        var equals = Equality(match, FieldShape.Of(shape.ElementType!));
                        var anyElement = shape.List!.Any;
                        return value => (value is not null && anyElement(value, equals)) == wantIn;
                }

            default:
                var equal = Equality(match, shape);
                return op == FilterMatchOperator.Equal ? equal : value => !equal(value);
        }
    }

    /// <summary>Equality of a primitive field with the match value coerced to the field's type (strconv-style).</summary>
    private static Func<object?, bool> Equality(FilterMatchExpression match, FieldShape shape)
    {
        var raw = match.Value!;
        string? error;
        switch (shape.Kind)
        {
            case FieldKind.String:
                return value => string.Equals((string?)value ?? "", raw, StringComparison.Ordinal);
            case FieldKind.Bool:
                error = GoStrings.ParseBool(raw, out var boolean);
                ThrowIfCoerceFailed(match, error);
                return value => value is bool b && b == boolean;
            case FieldKind.Int:
                error = GoStrings.ParseInt(raw, out var integer);
                ThrowIfCoerceFailed(match, error);
                return value => value is not null && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == integer;
            case FieldKind.Uint:
                error = GoStrings.ParseUint(raw, out var unsigned);
                ThrowIfCoerceFailed(match, error);
                return value => value is not null && Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture) == unsigned;
            case FieldKind.Float32:
                error = GoStrings.ParseFloat(raw, 32, out var single);
                ThrowIfCoerceFailed(match, error);
                var narrowed = (float)single;
                return value => value is float f && f == narrowed;
            case FieldKind.Float64:
                error = GoStrings.ParseFloat(raw, 64, out var dbl);
                ThrowIfCoerceFailed(match, error);
                return value => value is double d && d == dbl;
            default:
                throw Invalid($"Invalid match operator {Formats.GoQuote.Quote(OperatorName(match.Operator))} for selector {Formats.GoQuote.Quote(match.Selector.ToString())}");
        }
    }

    private static void ThrowIfCoerceFailed(FilterMatchExpression match, string? error)
    {
        if (error is not null)
        {
            throw Invalid($"Failed to coerce value {Formats.GoQuote.Quote(match.Value!)} for selector {Formats.GoQuote.Quote(match.Selector.ToString())}: {error}");
        }
    }

    private static Regex CompileRegex(string pattern)
    {
        try
        {
            // RE2 (Go's engine) never backtracks; the non-backtracking engine keeps evaluation linear the same way.
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw Invalid($"Failed to compile regular expression {Formats.GoQuote.Quote(pattern)}: error parsing regexp: {e.Message}");
        }
    }

    private static bool Supports(FieldShape shape, FilterMatchOperator op) => shape.Kind switch
    {
        FieldKind.String => true,
        FieldKind.Bool or FieldKind.Int or FieldKind.Uint or FieldKind.Float32 or FieldKind.Float64 =>
            op is FilterMatchOperator.Equal or FilterMatchOperator.NotEqual,
        FieldKind.List when IsPrimitive(FieldShape.Of(shape.ElementType!).Kind) =>
            op is FilterMatchOperator.In or FilterMatchOperator.NotIn or FilterMatchOperator.IsEmpty or FilterMatchOperator.IsNotEmpty,
        FieldKind.List or FieldKind.OpaqueMap => op is FilterMatchOperator.IsEmpty or FilterMatchOperator.IsNotEmpty,
        FieldKind.Map => op is FilterMatchOperator.In or FilterMatchOperator.NotIn or FilterMatchOperator.IsEmpty or FilterMatchOperator.IsNotEmpty,
        _ => false,
    };

    private static bool IsPrimitive(FieldKind kind) =>
        kind is FieldKind.String or FieldKind.Bool or FieldKind.Int or FieldKind.Uint or FieldKind.Float32 or FieldKind.Float64;

    /// <summary>go-bexpr's names of the operators, as its errors print them.</summary>
    internal static string OperatorName(FilterMatchOperator op) => op switch
    {
        FilterMatchOperator.Equal => "Equal",
        FilterMatchOperator.NotEqual => "Not Equal",
        FilterMatchOperator.In => "In",
        FilterMatchOperator.NotIn => "Not In",
        FilterMatchOperator.IsEmpty => "Is Empty",
        FilterMatchOperator.IsNotEmpty => "Is Not Empty",
        FilterMatchOperator.Matches => "Matches",
        FilterMatchOperator.NotMatches => "Not Matches",
        _ => "UNKNOWN",
    };

    private static InvalidRequestException Invalid(string message) => new(FilterParser.ErrorPrefix + message);
}
