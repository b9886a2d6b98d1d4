using System.Text;
using System.Text.RegularExpressions;

namespace Trellis.Core.Filtering;

/// <summary>
/// Prints a <see cref="FilterExpression"/> back to filter text that <see cref="FilterParser"/> reads as the same tree:
/// values are always quoted, and parentheses are added where go-bexpr's right-associative grammar needs them.
/// </summary>
/// <remarks>Stateless; safe to call from any thread.</remarks>
public static partial class FilterPrinter
{
    /// <summary>Prints <paramref name="expression"/>.</summary>
    public static string Print(FilterExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var builder = new StringBuilder();
        Write(builder, expression);
        return builder.ToString();
    }

    /// <summary>Prints a selector: <c>Service.Meta["my-key"]</c>, or <c>"/Service/Meta/key"</c> for a JSON pointer.</summary>
    public static string PrintSelector(FilterSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var escaped = selector.Path.Select(s => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)).ToList();
        if (selector.Type == FilterSelectorType.JsonPointer && (selector.Path is [""] || escaped.All(s => PointerSegment().IsMatch(s))))
        {
            return selector.Path is [""] ? "\"\"" : "\"" + string.Concat(escaped.Select(s => "/" + s)) + "\"";
        }

        var builder = new StringBuilder();
        for (var i = 0; i < selector.Path.Count; i++)
        {
            var part = selector.Path[i];
            if (i == 0 && !Identifier().IsMatch(part))
            {
                throw new ArgumentException($"The selector's first element {Formats.GoQuote.Quote(part)} is not an identifier.", nameof(selector));
            }

            if (i == 0)
            {
                builder.Append(part);
            }
            else if (Identifier().IsMatch(part))
            {
                builder.Append('.').Append(part);
            }
            else
            {
                builder.Append('[').Append(QuoteDouble(part)).Append(']');
            }
        }

        return builder.ToString();
    }

    /// <summary>Quotes a value so that it parses back to exactly <paramref name="value"/>.</summary>
    public static string PrintValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        // Consul compat: a double-quoted "/a/b" would be read as a JSON pointer and lose its slash; backticks keep it.
        return value.Length > 0 && PointerText().IsMatch(value) ? "`" + value + "`" : QuoteDouble(value);
    }

    // The grammar ends a "…" literal at the first quote, escaped or not, so a quote inside is written \x22.
    private static string QuoteDouble(string value) =>
        "\"" + Formats.GoQuote.Quote(value)[1..^1].Replace("\\\"", "\\x22", StringComparison.Ordinal) + "\"";

    private static void Write(StringBuilder builder, FilterExpression expression)
    {
        switch (expression)
        {
            case FilterBinaryExpression binary:
                // Or is lowest and right-associative; And binds tighter; not binds tightest.
                var leftNeedsParens = binary.Operator == FilterBinaryOperator.Or
                    ? binary.Left is FilterBinaryExpression { Operator: FilterBinaryOperator.Or }
                    : binary.Left is FilterBinaryExpression;
                var rightNeedsParens = binary.Operator == FilterBinaryOperator.And
                    && binary.Right is FilterBinaryExpression { Operator: FilterBinaryOperator.Or };
                WriteOperand(builder, binary.Left, leftNeedsParens);
                builder.Append(binary.Operator == FilterBinaryOperator.And ? " and " : " or ");
                WriteOperand(builder, binary.Right, rightNeedsParens);
                break;
            case FilterNotExpression not:
                builder.Append("not ");
                WriteOperand(builder, not.Operand, not.Operand is FilterBinaryExpression or FilterNotExpression);
                break;
            case FilterMatchExpression match:
                WriteMatch(builder, match);
                break;
            default:
                throw new ArgumentException($"Unknown expression node {expression.GetType().Name}.", nameof(expression));
        }
    }

    private static void WriteOperand(StringBuilder builder, FilterExpression operand, bool parens)
    {
        if (parens)
        {
            builder.Append('(');
        }

        Write(builder, operand);
        if (parens)
        {
            builder.Append(')');
        }
    }

    private static void WriteMatch(StringBuilder builder, FilterMatchExpression match)
    {
        var selector = PrintSelector(match.Selector);
        var value = match.Value is null ? "" : PrintValue(match.Value);
        switch (match.Operator)
        {
            case FilterMatchOperator.Equal: builder.Append(selector).Append(" == ").Append(value); break;
            case FilterMatchOperator.NotEqual: builder.Append(selector).Append(" != ").Append(value); break;
            case FilterMatchOperator.In: builder.Append(value).Append(" in ").Append(selector); break;
            case FilterMatchOperator.NotIn: builder.Append(value).Append(" not in ").Append(selector); break;
            case FilterMatchOperator.IsEmpty: builder.Append(selector).Append(" is empty"); break;
            case FilterMatchOperator.IsNotEmpty: builder.Append(selector).Append(" is not empty"); break;
            case FilterMatchOperator.Matches: builder.Append(selector).Append(" matches ").Append(value); break;
            case FilterMatchOperator.NotMatches: builder.Append(selector).Append(" not matches ").Append(value); break;
            default: throw new ArgumentException($"Unknown match operator {match.Operator}.", nameof(match));
        }
    }

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9_/]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[\p{L}\p{N}\-_.~:|]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PointerSegment();

    [GeneratedRegex(@"^(/[\p{L}\p{N}\-_.~:|]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PointerText();
}
