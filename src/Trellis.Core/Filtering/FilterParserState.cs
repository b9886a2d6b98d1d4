using System.Globalization;
using System.Text;

namespace Trellis.Core.Filtering;

/// <summary>One run of the go-bexpr grammar over one input, pigeon-style (see <see cref="FilterParser"/>).</summary>
/// <remarks>Not thread-safe; one instance per parse.</remarks>
internal sealed partial class FilterParserState
{
    private const string Whitespace = "[ \\t\\r\\n]";

    private readonly int[] _runes;
    private readonly int[] _line;
    private readonly int[] _column;
    private readonly int[] _offset;
    private readonly int[] _charIndex;
    private readonly string _text;
    private readonly List<string> _errors = [];
    private readonly List<string> _ruleStack = [];
    private readonly List<string> _expected = [];
    // Packrat memo of the expression rules by start position: without it, every level of parentheses parses its
    // content four times (or/and alternatives), which is exponential in the nesting depth.
    private readonly Dictionary<int, (bool Ok, FilterExpression? Value, int End)> _memoOr = [];
    private readonly Dictionary<int, (bool Ok, FilterExpression? Value, int End)> _memoAnd = [];
    private readonly Dictionary<int, (bool Ok, FilterExpression? Value, int End)> _memoNot = [];
    private int _pos;
    private int _maxFailPos;
    private bool _invert;

    public FilterParserState(string text)
    {
        _text = text;
        var runes = new List<int>();
        foreach (var rune in text.EnumerateRunes())
        {
            runes.Add(rune.Value);
        }

        _runes = [.. runes];
        _line = new int[_runes.Length + 1];
        _column = new int[_runes.Length + 1];
        _offset = new int[_runes.Length + 1];
        _charIndex = new int[_runes.Length + 1];
        int line = 1, column = 0, offset = 0;
        for (var i = 0; i <= _runes.Length; i++)
        {
            // Consul compat: pigeon bumps the line when it reads a newline, so the newline itself is column 0.
            column++;
            if (i < _runes.Length && _runes[i] == '\n')
            {
                line++;
                column = 0;
            }

            _line[i] = line;
            _column[i] = column;
            _offset[i] = offset;
            if (i < _runes.Length)
            {
                offset += new Rune(_runes[i]).Utf8SequenceLength;
                _charIndex[i + 1] = _charIndex[i] + new Rune(_runes[i]).Utf16SequenceLength;
            }
        }
    }

    public bool TryParse(out FilterExpression? result, out string error)
    {
        bool ok;
        try
        {
            ok = Input(out result);
        }
        catch (FilterTooDeepException)
        {
            result = null;
            error = "expression is nested too deeply";
            return false;
        }

        if (ok && _errors.Count == 0)
        {
            error = "";
            return true;
        }

        if (!ok && _errors.Count == 0)
        {
            var set = new HashSet<string>(_expected, StringComparer.Ordinal);
            var eof = set.Remove("!.");
            var expected = set.ToList();
            expected.Sort(StringComparer.Ordinal);
            if (eof)
            {
                expected.Add("EOF");
            }

            var list = expected.Count <= 1
                ? string.Concat(expected)
                : string.Join(", ", expected.Take(expected.Count - 1)) + " or " + expected[^1];
            _errors.Add($"{Position(_maxFailPos)}: no match found, expected: {list}");
        }

        error = string.Join('\n', _errors.Distinct(StringComparer.Ordinal));
        result = null;
        return false;
    }

    private string Position(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{_line[index]}:{_column[index]} ({_offset[index]})");

    // ---- pigeon primitives ----

    private void FailAt(bool fail, int position, string want)
    {
        if (fail != _invert)
        {
            return;
        }

        if (position < _maxFailPos)
        {
            return;
        }

        if (position > _maxFailPos)
        {
            _maxFailPos = position;
            _expected.Clear();
        }

        _expected.Add(_invert ? "!" + want : want);
    }

    private void AddError(string message, int position)
    {
        var builder = new StringBuilder(Position(position));
        if (_ruleStack.Count > 0)
        {
            builder.Append(": rule ").Append(_ruleStack[^1]);
        }

        builder.Append(": ").Append(message);
        _errors.Add(builder.ToString());
    }

    private bool Lit(string literal)
    {
        var start = _pos;
        var want = Formats.GoQuote.Quote(literal);
        foreach (var c in literal)
        {
            if (_pos >= _runes.Length || _runes[_pos] != c)
            {
                FailAt(false, start, want);
                _pos = start;
                return false;
            }

            _pos++;
        }

        FailAt(true, start, want);
        return true;
    }

    private bool Class(string description, Func<int, bool> predicate)
    {
        var start = _pos;
        if (_pos >= _runes.Length || !predicate(_runes[_pos]))
        {
            FailAt(false, start, description);
            return false;
        }

        _pos++;
        FailAt(true, start, description);
        return true;
    }

    private bool Any()
    {
        if (_pos < _runes.Length)
        {
            _pos++;
            FailAt(true, _pos - 1, ".");
            return true;
        }

        FailAt(false, _pos, ".");
        return false;
    }

    private bool NotAhead(Func<bool> expression)
    {
        var start = _pos;
        _invert = !_invert;
        var ok = expression();
        _invert = !_invert;
        _pos = start;
        return !ok;
    }

    private bool Ahead(Func<bool> expression)
    {
        var start = _pos;
        var ok = expression();
        _pos = start;
        return ok;
    }

    private T Rule<T>(string name, Func<T> body)
    {
        _ruleStack.Add(name);
        try
        {
            return body();
        }
        finally
        {
            _ruleStack.RemoveAt(_ruleStack.Count - 1);
        }
    }

    private string Slice(int start) => _text[_charIndex[start].._charIndex[_pos]];

    private delegate bool ExpressionRule(out FilterExpression? result);

    /// <summary>
    /// Runs an expression rule once per start position. A repeated run would record the same failures and errors
    /// (these rules never run under a <c>!</c> predicate), so skipping it does not change any error message.
    /// </summary>
    private bool Memo(Dictionary<int, (bool Ok, FilterExpression? Value, int End)> memo, ExpressionRule rule, out FilterExpression? result)
    {
        if (memo.TryGetValue(_pos, out var hit))
        {
            _pos = hit.End;
            result = hit.Value;
            return hit.Ok;
        }

        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new FilterTooDeepException();
        }

        var start = _pos;
        var ok = rule(out result);
        memo[start] = (ok, result, _pos);
        return ok;
    }

    private bool Eof() => NotAhead(Any);

    /// <summary><c>_</c>: one or more of <c>[ \t\r\n]</c>.</summary>
    private bool Ws() => Rule("\"whitespace\"", () =>
    {
        if (!WsChar())
        {
            return false;
        }

        while (WsChar())
        {
        }

        return true;
    });

    private bool WsChar() => Class(Whitespace, c => c is ' ' or '\t' or '\r' or '\n');

    private void OptWs() => Ws();

    private sealed class FilterTooDeepException : Exception
    {
    }
}
