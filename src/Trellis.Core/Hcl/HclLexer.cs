using System.Globalization;
using System.Text;

namespace Trellis.Core.Hcl;

/// <summary>Splits HCL1 text into tokens, skipping whitespace and <c>#</c>, <c>//</c>, <c>/* */</c> comments.</summary>
/// <remarks>Not thread-safe; one instance reads one text.</remarks>
internal sealed class HclLexer
{
    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    public HclLexer(string text, string file)
    {
        _text = text;
        _file = file;
    }

    public HclToken Next()
    {
        SkipTrivia();
        var line = _line;
        var column = _column;
        if (_pos >= _text.Length)
        {
            return new HclToken(HclTokenKind.Eof, "", line, column);
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{': Advance(); return new HclToken(HclTokenKind.LBrace, "{", line, column);
            case '}': Advance(); return new HclToken(HclTokenKind.RBrace, "}", line, column);
            case '[': Advance(); return new HclToken(HclTokenKind.LBracket, "[", line, column);
            case ']': Advance(); return new HclToken(HclTokenKind.RBracket, "]", line, column);
            case '=': Advance(); return new HclToken(HclTokenKind.Equals, "=", line, column);
            case ',': Advance(); return new HclToken(HclTokenKind.Comma, ",", line, column);
            case '"': return new HclToken(HclTokenKind.String, ReadString(line, column), line, column);
            case '<' when Peek(1) == '<': return new HclToken(HclTokenKind.Heredoc, ReadHeredoc(line, column), line, column);
        }

        if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1))))
        {
            var (isFloat, number) = ReadNumber(line, column);
            return new HclToken(isFloat ? HclTokenKind.Float : HclTokenKind.Number, number, line, column);
        }

        if (IsIdentStart(c))
        {
            var start = _pos;
            while (_pos < _text.Length && IsIdentPart(_text[_pos]))
            {
                Advance();
            }

            return new HclToken(HclTokenKind.Ident, _text[start.._pos], line, column);
        }

        throw Error(line, column, $"illegal char {Describe(c)}");
    }

    internal static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_';

    internal static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.';

    public HclParseException Error(int line, int column, string reason) => new(_file, line, column, reason);

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
            {
                Advance();
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    Advance();
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var (line, column) = (_line, _column);
                Advance();
                Advance();
                while (!(Peek(0) == '*' && Peek(1) == '/'))
                {
                    if (_pos >= _text.Length)
                    {
                        throw Error(line, column, "comment not terminated");
                    }

                    Advance();
                }

                Advance();
                Advance();
            }
            else
            {
                return;
            }
        }
    }

    private (bool IsFloat, string Text) ReadNumber(int line, int column)
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            Advance();
        }

        var isFloat = false;
        if (Peek(0) == '0' && (Peek(1) is 'x' or 'X'))
        {
            Advance();
            Advance();
            while (char.IsAsciiHexDigit(Peek(0)))
            {
                Advance();
            }
        }
        else
        {
            while (char.IsAsciiDigit(Peek(0)))
            {
                Advance();
            }

            if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
            {
                isFloat = true;
                Advance();
                while (char.IsAsciiDigit(Peek(0)))
                {
                    Advance();
                }
            }

            if (Peek(0) is 'e' or 'E')
            {
                isFloat = true;
                Advance();
                if (Peek(0) is '+' or '-')
                {
                    Advance();
                }

                if (!char.IsAsciiDigit(Peek(0)))
                {
                    throw Error(line, column, $"invalid number \"{_text[start.._pos]}\"");
                }

                while (char.IsAsciiDigit(Peek(0)))
                {
                    Advance();
                }
            }
        }

        if (_pos < _text.Length && IsIdentPart(_text[_pos]))
        {
            while (_pos < _text.Length && IsIdentPart(_text[_pos]))
            {
                Advance();
            }

            throw Error(line, column, $"invalid number \"{_text[start.._pos]}\"");
        }

        return (isFloat, _text[start.._pos]);
    }

    private string ReadString(int line, int column)
    {
        Advance(); // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(line, column, "literal not terminated");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                Advance();
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                Advance();
                continue;
            }

            var (escLine, escColumn) = (_line, _column);
            Advance();
            if (_pos >= _text.Length)
            {
                throw Error(line, column, "literal not terminated");
            }

            var e = _text[_pos];
            Advance();
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '"': sb.Append('"'); break;
                case 'u': AppendCodePoint(sb, ReadHex(4, escLine, escColumn), escLine, escColumn); break;
                case 'U': AppendCodePoint(sb, ReadHex(8, escLine, escColumn), escLine, escColumn); break;
                case 'x': sb.Append((char)ReadHex(2, escLine, escColumn)); break;
                default: throw Error(escLine, escColumn, "unknown escape sequence");
            }
        }
    }

    private int ReadHex(int digits, int line, int column)
    {
        var value = 0L;
        for (var i = 0; i < digits; i++)
        {
            if (!char.IsAsciiHexDigit(Peek(0)))
            {
                throw Error(line, column, "illegal char in escape sequence");
            }

            value = (value * 16) + int.Parse(_text.AsSpan(_pos, 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Advance();
        }

        return value > 0x10FFFF ? throw Error(line, column, "escape sequence is invalid Unicode code point") : (int)value;
    }

    private void AppendCodePoint(StringBuilder sb, int codePoint, int line, int column)
    {
        if (codePoint is >= 0xD800 and <= 0xDFFF)
        {
            throw Error(line, column, "escape sequence is invalid Unicode code point");
        }

        sb.Append(char.ConvertFromUtf32(codePoint));
    }

    private string ReadHeredoc(int line, int column)
    {
        Advance();
        Advance();
        var indented = Peek(0) == '-';
        if (indented)
        {
            Advance();
        }

        var anchorStart = _pos;
        while (_pos < _text.Length && IsIdentPart(_text[_pos]))
        {
            Advance();
        }

        var anchor = _text[anchorStart.._pos];
        if (Peek(0) == '\r')
        {
            Advance();
        }

        if (anchor.Length == 0 || !IsIdentStart(anchor[0]) || Peek(0) != '\n')
        {
            throw Error(line, column, "heredoc expected an anchor name followed by a newline");
        }

        Advance();
        var lines = new List<string>();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(line, column, $"heredoc not terminated, expected \"{anchor}\"");
            }

            var lineStart = _pos;
            while (_pos < _text.Length && _text[_pos] != '\n')
            {
                Advance();
            }

            var content = _text[lineStart.._pos].TrimEnd('\r');
            var isEnd = indented ? content.Trim() == anchor : content == anchor;
            if (isEnd)
            {
                break;
            }

            lines.Add(content);
            if (_pos < _text.Length)
            {
                Advance(); // the newline
            }
        }

        if (indented)
        {
            var indent = lines.Where(l => l.Trim().Length > 0)
                .Select(l => l.Length - l.TrimStart(' ', '\t').Length)
                .DefaultIfEmpty(0)
                .Min();
            lines = lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' ', '\t')).ToList();
        }

        return lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
    }
}
