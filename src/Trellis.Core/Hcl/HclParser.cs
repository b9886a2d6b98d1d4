using System.Collections.Immutable;
using System.Globalization;

namespace Trellis.Core.Hcl;

/// <summary>
/// Hand-written recursive-descent parser for HCL1 (hashicorp/hcl v1), the syntax of Consul's config files:
/// <c>key = value</c>, blocks <c>name { }</c> and <c>name "label" { }</c>, lists with trailing commas, strings,
/// heredocs, numbers, booleans and comments. Repeated blocks of one name accumulate into a list, as HCL1 does.
/// </summary>
/// <remarks>Stateless; safe to call from any thread.</remarks>
public static class HclParser
{
    /// <summary>Deepest nesting of objects and lists accepted; deeper input is rejected instead of overflowing the stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>Parses a whole HCL text into its top-level object; throws <see cref="HclParseException"/>.</summary>
    public static HclObject Parse(string text, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new State(new HclLexer(text, file));
        return state.ParseBody(HclTokenKind.Eof, 1, 1, 0);
    }

    private sealed class State
    {
        private readonly HclLexer _lexer;
        private HclToken _current;

        public State(HclLexer lexer)
        {
            _lexer = lexer;
            _current = lexer.Next();
        }

        public HclObject ParseBody(HclTokenKind end, int line, int column, int depth)
        {
            var builder = new ObjectBuilder();
            while (_current.Kind != end)
            {
                if (_current.Kind == HclTokenKind.Eof)
                {
                    throw _lexer.Error(_current.Line, _current.Column, "object expected closing RBRACE got: EOF");
                }

                ParseItem(builder, depth);
                if (_current.Kind == HclTokenKind.Comma)
                {
                    Take();
                }
            }

            return builder.Build(line, column);
        }

        private void ParseItem(ObjectBuilder builder, int depth)
        {
            var key = _current;
            if (key.Kind is not (HclTokenKind.Ident or HclTokenKind.String))
            {
                throw Unexpected("expected: IDENT | STRING");
            }

            Take();
            HclValue value;
            if (_current.Kind == HclTokenKind.Equals)
            {
                Take();
                value = ParseValue(depth);
            }
            else
            {
                var labels = new List<HclToken>();
                while (_current.Kind is HclTokenKind.Ident or HclTokenKind.String)
                {
                    labels.Add(Take());
                }

                if (_current.Kind != HclTokenKind.LBrace)
                {
                    throw Unexpected($"key '{key.Text}' expected start of object ('{{') or assignment ('=')");
                }

                value = ParseObject(depth);
                for (var i = labels.Count - 1; i >= 0; i--)
                {
                    var label = labels[i];
                    value = new HclObject(
                        [new(label.Text, value)],
                        new Dictionary<string, (int, int)> { [label.Text] = (label.Line, label.Column) },
                        label.Line,
                        label.Column);
                }
            }

            builder.Add(key.Text, key.Line, key.Column, value);
        }

        private HclValue ParseValue(int depth)
        {
            var token = _current;
            switch (token.Kind)
            {
                case HclTokenKind.String or HclTokenKind.Heredoc:
                    Take();
                    return HclScalar.String(token.Text, token.Line, token.Column);
                case HclTokenKind.Number or HclTokenKind.Float:
                    Take();
                    return ParseNumber(token);
                case HclTokenKind.Ident when token.Text is "true" or "false":
                    Take();
                    return HclScalar.Bool(token.Text == "true", token.Line, token.Column);
                case HclTokenKind.LBrace:
                    return ParseObject(depth);
                case HclTokenKind.LBracket:
                    return ParseList(depth);
                default:
                    throw Unexpected("Unknown token");
            }
        }

        private HclObject ParseObject(int depth)
        {
            var open = Take();
            CheckDepth(open, depth);
            var obj = ParseBody(HclTokenKind.RBrace, open.Line, open.Column, depth + 1);
            Take();
            return obj;
        }

        private HclList ParseList(int depth)
        {
            var open = Take();
            CheckDepth(open, depth);
            var items = ImmutableArray.CreateBuilder<HclValue>();
            while (_current.Kind != HclTokenKind.RBracket)
            {
                if (_current.Kind == HclTokenKind.Eof)
                {
                    throw _lexer.Error(_current.Line, _current.Column, "list expected closing RBRACK got: EOF");
                }

                items.Add(ParseValue(depth + 1));
                if (_current.Kind == HclTokenKind.Comma)
                {
                    Take();
                }
                else if (_current.Kind != HclTokenKind.RBracket)
                {
                    throw Unexpected("list elements must be separated by commas");
                }
            }

            Take();
            return new HclList(items.ToImmutable(), open.Line, open.Column);
        }

        private HclScalar ParseNumber(HclToken token)
        {
            var isFloat = token.Kind == HclTokenKind.Float;
            var text = token.Text;
            if (isFloat)
            {
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                {
                    return HclScalar.Float(d, token.Line, token.Column);
                }
            }
            else if (TryParseInt(text, out var l))
            {
                return HclScalar.Int(l, token.Line, token.Column);
            }

            throw _lexer.Error(token.Line, token.Column, $"invalid number \"{text}\"");
        }

        private static bool TryParseInt(string text, out long value)
        {
            var negative = text.StartsWith('-');
            var digits = negative ? text[1..] : text;
            ulong magnitude;
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                if (!ulong.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude))
                {
                    value = 0;
                    return false;
                }
            }
            else if (digits.Length > 1 && digits[0] == '0')
            {
                // Consul compat: HCL1 reads integers like Go's strconv.ParseInt(s, 0, 64): a leading 0 means octal.
                magnitude = 0;
                foreach (var c in digits)
                {
                    if (c is < '0' or > '7' || magnitude > (ulong.MaxValue >> 3))
                    {
                        value = 0;
                        return false;
                    }

                    magnitude = (magnitude * 8) + (ulong)(c - '0');
                }
            }
            else if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude))
            {
                value = 0;
                return false;
            }

            if (negative ? magnitude > (ulong)long.MaxValue + 1 : magnitude > long.MaxValue)
            {
                value = 0;
                return false;
            }

            value = negative ? (long)(0 - magnitude) : (long)magnitude;
            return true;
        }

        private void CheckDepth(HclToken token, int depth)
        {
            if (depth >= MaxDepth)
            {
                throw _lexer.Error(token.Line, token.Column, $"nesting deeper than {MaxDepth} levels");
            }
        }

        private HclToken Take()
        {
            var token = _current;
            _current = _lexer.Next();
            return token;
        }

        private HclParseException Unexpected(string expectation)
        {
            var got = _current.Kind == HclTokenKind.Eof ? "EOF" : $"{_current.Kind.ToString().ToUpperInvariant()} \"{Truncate(_current.Text)}\"";
            return _lexer.Error(_current.Line, _current.Column, $"{expectation}, got: {got}");
        }

        private static string Truncate(string text) => text.Length > 40 ? text[..40] + "..." : text;
    }

    /// <summary>Collects an object's items; a key given twice keeps the later value unless both are objects, which accumulate into a list.</summary>
    private sealed class ObjectBuilder
    {
        private readonly List<string> _order = [];
        private readonly Dictionary<string, HclValue> _values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);
        private readonly HashSet<string> _accumulated = new(StringComparer.Ordinal);

        public void Add(string key, int line, int column, HclValue value)
        {
            if (!_values.TryGetValue(key, out var existing))
            {
                _order.Add(key);
                _values[key] = value;
                _positions[key] = (line, column);
                return;
            }

            if (value is HclObject && existing is HclObject)
            {
                _values[key] = new HclList([existing, value], existing.Line, existing.Column);
                _accumulated.Add(key);
            }
            else if (value is HclObject && existing is HclList list && _accumulated.Contains(key))
            {
                _values[key] = new HclList(list.Items.Add(value), list.Line, list.Column);
            }
            else
            {
                _values[key] = value;
                _positions[key] = (line, column);
                _accumulated.Remove(key);
            }
        }

        public HclObject Build(int line, int column) =>
            new(_order.Select(k => new KeyValuePair<string, HclValue>(k, _values[k])), _positions, line, column);
    }
}
