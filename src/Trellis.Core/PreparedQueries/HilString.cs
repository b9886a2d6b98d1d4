using System.Globalization;
using System.Text;

namespace Trellis.Core.PreparedQueries;

/// <summary>
/// One string field of a template, parsed as the subset of HashiCorp's HIL that Consul's prepared query templates
/// use: literal text, <c>$${</c> for a literal <c>${</c>, and <c>${…}</c> holding a variable (<c>name.full</c>,
/// <c>name.prefix</c>, <c>name.suffix</c>, <c>agent.segment</c>), an integer or string literal, or <c>match(N)</c>.
/// </summary>
/// <remarks>Immutable after parsing; <see cref="Evaluate"/> is safe from any thread.</remarks>
public sealed class HilString
{
    private readonly List<Part> _parts;

    private HilString(List<Part> parts) => _parts = parts;

    /// <summary>The values a template renders with.</summary>
    public sealed record Scope(IReadOnlyDictionary<string, string> Variables, IReadOnlyList<string> Matches);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with the reason.</summary>
    public static HilString Parse(string text)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && Next(text, i + 1) == '$' && Next(text, i + 2) == '{')
            {
                literal.Append("${");
                i += 3;
                continue;
            }

            if (text[i] == '$' && Next(text, i + 1) == '{')
            {
                if (literal.Length > 0)
                {
                    parts.Add(new Part(literal.ToString(), null));
                    literal.Clear();
                }

                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                {
                    throw new FormatException($"expected expression end, got end of input at column {i + 1}");
                }

                parts.Add(new Part(null, ParseExpression(text[(i + 2)..end].Trim(), i + 3)));
                i = end + 1;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(new Part(literal.ToString(), null));
        }

        return new HilString(parts);
    }

    /// <summary>Renders the string; throws <see cref="InvalidOperationException"/> for unknown names or a non-string result.</summary>
    public string Evaluate(Scope scope)
    {
        if (_parts.Count == 1 && _parts[0].Expression is { } only)
        {
            var (value, isString) = only.Evaluate(scope);
            return isString ? value : throw new InvalidOperationException("int");
        }

        var sb = new StringBuilder();
        foreach (var part in _parts)
        {
            sb.Append(part.Literal ?? part.Expression!.Evaluate(scope).Value);
        }

        return sb.ToString();
    }

    private static char Next(string text, int index) => index < text.Length ? text[index] : '\0';

    private static Expression ParseExpression(string body, int column)
    {
        if (body.Length == 0)
        {
            throw new FormatException($"expected expression, got \"}}\" at column {column}");
        }

        if (body[0] == '"')
        {
            if (body.Length < 2 || body[^1] != '"')
            {
                throw new FormatException($"unterminated string at column {column}");
            }

            return new Expression(ExpressionKind.String, body[1..^1], null);
        }

        if (char.IsAsciiDigit(body[0]) || body[0] == '-')
        {
            return int.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? new Expression(ExpressionKind.Integer, body, null)
                : throw new FormatException($"invalid number \"{body}\" at column {column}");
        }

        var open = body.IndexOf('(');
        if (open > 0)
        {
            if (body[^1] != ')')
            {
                throw new FormatException($"expected \")\" at column {column + body.Length}");
            }

            var name = body[..open].Trim();
            var args = body[(open + 1)..^1].Trim();
            RequireIdentifier(name, column);
            return new Expression(ExpressionKind.Call, name, args.Length == 0 ? null : ParseExpression(args, column + open + 1));
        }

        RequireIdentifier(body, column);
        return new Expression(ExpressionKind.Variable, body, null);
    }

    private static void RequireIdentifier(string name, int column)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw new FormatException($"invalid identifier \"{name}\" at column {column}");
        }
    }

    private enum ExpressionKind
    {
        Variable,
        Integer,
        String,
        Call,
    }

    private sealed record Part(string? Literal, Expression? Expression);

    private sealed record Expression(ExpressionKind Kind, string Text, Expression? Argument)
    {
        /// <summary>The value and whether it is a string (else an integer).</summary>
        public (string Value, bool IsString) Evaluate(Scope scope)
        {
            switch (Kind)
            {
                case ExpressionKind.String:
                    return (Text, true);
                case ExpressionKind.Integer:
                    return (Text, false);
                case ExpressionKind.Variable:
                    return scope.Variables.TryGetValue(Text, out var value)
                        ? (value, true)
                        : throw new InvalidOperationException($"unknown variable accessed: {Text}");
                default:
                    if (Text != "match")
                    {
                        throw new InvalidOperationException($"unknown function called: {Text}");
                    }

                    if (Argument is null)
                    {
                        throw new InvalidOperationException("match: expected 1 arguments, got 0");
                    }

                    var (arg, isString) = Argument.Evaluate(scope);
                    if (isString)
                    {
                        throw new InvalidOperationException("match: argument 1 should be type int, got type string");
                    }

                    var n = int.Parse(arg, CultureInfo.InvariantCulture);
                    return (n >= 0 && n < scope.Matches.Count ? scope.Matches[n] : "", true);
            }
        }
    }
}
