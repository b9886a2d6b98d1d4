using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Trellis.Core.Filtering;

/// <summary>
/// The few pieces of Go's strconv that go-bexpr's behaviour and error texts depend on: unquoting of string literals
/// and the bool/int/uint/float parsing used to coerce filter values (quoting is <see cref="Formats.GoQuote"/>).
/// Parse methods return null on success and the Go error text otherwise.
/// </summary>
/// <remarks>Stateless; safe to call from any thread.</remarks>
internal static partial class GoStrings
{
    /// <summary>
    /// Go's <c>strconv.Unquote</c> for a <c>"…"</c> or <c>`…`</c> literal (quotes included); null when the
    /// literal is invalid ("invalid syntax").
    /// </summary>
    public static string? Unquote(string literal)
    {
        if (literal.Length < 2)
        {
            return null;
        }

        var body = literal[1..^1];
        if (literal[0] == '`')
        {
            // Go drops carriage returns from raw strings.
            return body.Contains('`', StringComparison.Ordinal) ? null : body.Replace("\r", "", StringComparison.Ordinal);
        }

        if (literal[0] != '"' || body.Contains('\n', StringComparison.Ordinal) || body.Contains('"', StringComparison.Ordinal))
        {
            return null;
        }

        if (!body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var bytes = new List<byte>(body.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < body.Length;)
        {
            if (body[i] != '\\')
            {
                if (!Rune.TryGetRuneAt(body, i, out var plain))
                {
                    return null;
                }

                var written = plain.EncodeToUtf8(buffer);
                bytes.AddRange(buffer[..written].ToArray());
                i += plain.Utf16SequenceLength;
                continue;
            }

            if (i + 1 >= body.Length)
            {
                return null;
            }

            var escape = body[i + 1];
            i += 2;
            switch (escape)
            {
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case 'x':
                    if (!TryHex(body, i, 2, out var hexByte))
                    {
                        return null;
                    }

                    bytes.Add((byte)hexByte);
                    i += 2;
                    break;
                case 'u' or 'U':
                    var digits = escape == 'u' ? 4 : 8;
                    if (!TryHex(body, i, digits, out var code) || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
                    {
                        return null;
                    }

                    var written = new Rune((int)code).EncodeToUtf8(buffer);
                    bytes.AddRange(buffer[..written].ToArray());
                    i += digits;
                    break;
                case >= '0' and <= '7':
                    if (i + 1 >= body.Length || body[i] is < '0' or > '7' || body[i + 1] is < '0' or > '7')
                    {
                        return null;
                    }

                    var octal = ((escape - '0') * 64) + ((body[i] - '0') * 8) + (body[i + 1] - '0');
                    if (octal > 255)
                    {
                        return null;
                    }

                    bytes.Add((byte)octal);
                    i += 2;
                    break;
                default:
                    return null;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool TryHex(string text, int start, int count, out long value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var digit = HexDigit(text[i]);
            if (digit < 0)
            {
                return false;
            }

            value = (value * 16) + digit;
        }

        return true;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string SyntaxError(string function, string input) =>
        $"strconv.{function}: parsing {Formats.GoQuote.Quote(input)}: invalid syntax";

    private static string RangeError(string function, string input) =>
        $"strconv.{function}: parsing {Formats.GoQuote.Quote(input)}: value out of range";

    /// <summary>Go's <c>strconv.ParseBool</c>.</summary>
    public static string? ParseBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return null;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return null;
            default:
                value = false;
                return SyntaxError("ParseBool", text);
        }
    }

    /// <summary>Go's <c>strconv.ParseUint(text, 0, 64)</c>: base from the prefix (0x, 0o, 0b, leading 0 = octal), underscores allowed with a prefix.</summary>
    public static string? ParseUint(string text, out ulong value) => ParseUintCore(text, "ParseUint", out value);

    private static string? ParseUintCore(string text, string function, out ulong value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return SyntaxError(function, text);
        }

        var s = text;
        ulong numberBase = 10;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
            {
                numberBase = char.ToLowerInvariant(s[1]) switch { 'b' => 2, 'o' => 8, _ => 16 };
                s = s[2..];
            }
            else
            {
                numberBase = 8;
                s = s[1..];
            }
        }

        var underscores = false;
        var overflow = false;
        ulong result = 0;
        foreach (var c in s)
        {
            if (c == '_')
            {
                underscores = true;
                continue;
            }

            var digit = HexDigit(c);
            if (digit < 0 || (ulong)digit >= numberBase)
            {
                return SyntaxError(function, text);
            }

            if (overflow)
            {
                continue;
            }

            var next = unchecked((result * numberBase) + (ulong)digit);
            if (result > ulong.MaxValue / numberBase || next < result * numberBase)
            {
                overflow = true;
                continue;
            }

            result = next;
        }

        if (underscores && !UnderscoreOk(text))
        {
            return SyntaxError(function, text);
        }

        if (overflow)
        {
            value = ulong.MaxValue;
            return RangeError(function, text);
        }

        value = result;
        return null;
    }

    /// <summary>Go's <c>strconv.ParseInt(text, 0, 64)</c>.</summary>
    public static string? ParseInt(string text, out long value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return SyntaxError("ParseInt", text);
        }

        var negative = text[0] == '-';
        var digits = text[0] is '+' or '-' ? text[1..] : text;
        var error = ParseUintCore(digits, "ParseInt", out var magnitude);
        if (error is not null)
        {
            return error.Contains("invalid syntax", StringComparison.Ordinal)
                ? SyntaxError("ParseInt", text)
                : RangeError("ParseInt", text);
        }

        if (!negative && magnitude > long.MaxValue)
        {
            value = long.MaxValue;
            return RangeError("ParseInt", text);
        }

        if (negative && magnitude > (ulong)long.MaxValue + 1)
        {
            value = long.MinValue;
            return RangeError("ParseInt", text);
        }

        value = negative ? unchecked(-(long)magnitude) : (long)magnitude;
        return null;
    }

    private static bool UnderscoreOk(string text)
    {
        var s = text;
        var saw = '^';
        var i = 0;
        if (s.Length >= 1 && s[0] is '-' or '+')
        {
            s = s[1..];
        }

        var hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(s[1]) == 'x';
        }

        for (; i < s.Length; i++)
        {
            var lower = char.ToLowerInvariant(s[i]);
            if (s[i] is >= '0' and <= '9' || (hex && lower is >= 'a' and <= 'f'))
            {
                saw = '0';
                continue;
            }

            if (s[i] == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
                continue;
            }

            if (saw == '_')
            {
                return false;
            }

            saw = '!';
        }

        return saw != '_';
    }

    /// <summary>Go's <c>strconv.ParseFloat(text, bits)</c> for decimal, inf and nan forms (hex floats are rejected).</summary>
    public static string? ParseFloat(string text, int bits, out double value)
    {
        value = 0;
        var body = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        var negative = text.StartsWith('-');
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return null;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return null;
        }

        if (!DecimalFloat().IsMatch(text)
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return SyntaxError("ParseFloat", text);
        }

        if (double.IsInfinity(parsed) || (bits == 32 && float.IsInfinity((float)parsed)))
        {
            value = parsed;
            return RangeError("ParseFloat", text);
        }

        value = bits == 32 ? (float)parsed : parsed;
        return null;
    }

    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalFloat();
}
