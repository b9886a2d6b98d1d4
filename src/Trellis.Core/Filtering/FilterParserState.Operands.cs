namespace Trellis.Core.Filtering;

/// <summary>The rules for what a match compares: selectors, index expressions, values, numbers and strings.</summary>
internal sealed partial class FilterParserState
{
    // Selector "selector" <- Identifier SelectorOrIndex* / '"' JsonPointerSegment* '"'
    private bool Selector(out FilterSelector? result)
    {
        FilterSelector? found = null;
        var ok = Rule("\"selector\"", () =>
        {
            var start = _pos;
            if (Identifier(out var first))
            {
                var path = new List<string> { first };
                while (SelectorOrIndex(out var part))
                {
                    path.Add(part!);
                }

                found = new FilterSelector(FilterSelectorType.Bexpr, path);
                return true;
            }

            _pos = start;
            if (Lit("\""))
            {
                var segments = new List<string>();
                while (JsonPointerSegment(out var segment))
                {
                    segments.Add(segment);
                }

                if (Lit("\""))
                {
                    // A pointer "/a~1b/c" unescapes ~1 to / and ~0 to ~; the empty pointer "" is the path [""].
                    found = new FilterSelector(
                        FilterSelectorType.JsonPointer,
                        segments.Count == 0
                            ? [""]
                            : segments.Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList());
                    return true;
                }
            }

            _pos = start;
            return false;
        });
        result = found;
        return ok;
    }

    // JsonPointerSegment <- '/' [\pL\pN-_.~:|]+
    private bool JsonPointerSegment(out string segment)
    {
        var start = _pos;
        segment = "";
        if (!Lit("/") || !PointerChar())
        {
            _pos = start;
            return false;
        }

        while (PointerChar())
        {
        }

        segment = Slice(start)[1..];
        return true;
    }

    private bool PointerChar() => Class("[\\pL\\pN-_.~:|]", c =>
        c is '-' or '_' or '.' or '~' or ':' or '|'
        || System.Text.Rune.IsLetter(new System.Text.Rune(c))
        || System.Text.Rune.GetUnicodeCategory(new System.Text.Rune(c)) is System.Globalization.UnicodeCategory.DecimalDigitNumber
            or System.Globalization.UnicodeCategory.LetterNumber or System.Globalization.UnicodeCategory.OtherNumber);

    // Identifier <- [a-zA-Z] [a-zA-Z0-9_/]*
    private bool Identifier(out string identifier)
    {
        var start = _pos;
        identifier = "";
        if (!Class("[a-zA-Z]", c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z'))
        {
            return false;
        }

        while (Class("[a-zA-Z0-9_/]", c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '/'))
        {
        }

        identifier = Slice(start);
        return true;
    }

    // SelectorOrIndex <- "." Identifier / IndexExpression / "." [0-9]+
    private bool SelectorOrIndex(out string? part)
    {
        var start = _pos;
        if (Lit(".") && Identifier(out var identifier))
        {
            part = identifier;
            return true;
        }

        _pos = start;
        if (IndexExpression(out part))
        {
            return true;
        }

        _pos = start;
        if (Lit(".") && Digit())
        {
            while (Digit())
            {
            }

            part = Slice(start)[1..];
            return true;
        }

        _pos = start;
        part = null;
        return false;
    }

    private bool Digit() => Class("[0-9]", c => c is >= '0' and <= '9');

    // IndexExpression "index" <- "[" _? StringLiteral _? "]" / "[" _? !StringLiteral &{ "Invalid index" }
    //                          / "[" _? StringLiteral _? !"]" &{ "Unclosed index expression" }
    private bool IndexExpression(out string? part)
    {
        string? found = null;
        var ok = Rule("\"index\"", () =>
        {
            var start = _pos;
            if (Lit("["))
            {
                OptWs();
                if (StringLiteral(out var literal))
                {
                    OptWs();
                    if (Lit("]"))
                    {
                        found = literal;
                        return true;
                    }
                }
            }

            _pos = start;
            if (Lit("["))
            {
                OptWs();
                if (NotAhead(() => StringLiteral(out _)))
                {
                    AddError("Invalid index", _pos);
                }
            }

            _pos = start;
            if (Lit("["))
            {
                OptWs();
                if (StringLiteral(out _))
                {
                    OptWs();
                    if (NotAhead(() => Lit("]")))
                    {
                        AddError("Unclosed index expression", _pos);
                    }
                }
            }

            _pos = start;
            return false;
        });
        part = found;
        return ok;
    }

    // Value "value" <- Selector / NumberLiteral / StringLiteral; a selector used as a value is its dotted text.
    private bool Value(out string? value)
    {
        string? found = null;
        var ok = Rule("\"value\"", () =>
        {
            if (Selector(out var selector))
            {
                // Consul compat: a bare word is a selector, and so is a double-quoted "/a/b" (a JSON pointer):
                // the value compared is then "a/b", without its leading slash.
                found = selector!.ToString();
                return true;
            }

            if (NumberLiteral(out var number))
            {
                found = number;
                return true;
            }

            if (StringLiteral(out var text))
            {
                found = text;
                return true;
            }

            return false;
        });
        value = found;
        return ok;
    }

    // NumberLiteral "number" <- "-"? IntegerOrFloat &AfterNumbers / "-"? IntegerOrFloat !AfterNumbers &{ "Invalid number literal" }
    private bool NumberLiteral(out string? number)
    {
        string? found = null;
        var ok = Rule("\"number\"", () =>
        {
            var start = _pos;
            Lit("-");
            if (IntegerOrFloat() && Ahead(AfterNumbers))
            {
                found = Slice(start);
                return true;
            }

            _pos = start;
            Lit("-");
            if (IntegerOrFloat() && NotAhead(AfterNumbers))
            {
                AddError("Invalid number literal", _pos);
            }

            _pos = start;
            return false;
        });
        number = found;
        return ok;
    }

    // AfterNumbers <- &(_ / EOF / ")")
    private bool AfterNumbers() => Ahead(() => Ws() || Eof() || Lit(")"));

    // IntegerOrFloat <- ("0" / [1-9][0-9]*) ("." [0-9]+)?
    private bool IntegerOrFloat()
    {
        var start = _pos;
        if (!Lit("0"))
        {
            if (!Class("[1-9]", c => c is >= '1' and <= '9'))
            {
                _pos = start;
                return false;
            }

            while (Digit())
            {
            }
        }

        var fraction = _pos;
        if (!(Lit(".") && Digit()))
        {
            _pos = fraction;
            return true;
        }

        while (Digit())
        {
        }

        return true;
    }

    // StringLiteral "string" <- ('`' RawStringChar* '`' / '"' DoubleStringChar* '"') { strconv.Unquote }
    //                         / ('`' RawStringChar* / '"' DoubleStringChar*) EOF &{ "Unterminated string literal" }
    private bool StringLiteral(out string? text)
    {
        string? found = null;
        var ok = Rule("\"string\"", () =>
        {
            var start = _pos;
            if (QuotedBody("`") || QuotedBody("\""))
            {
                found = GoStrings.Unquote(Slice(start));
                if (found is null)
                {
                    AddError("invalid syntax", start);
                }

                return true;
            }

            _pos = start;
            if ((OpenBody("`") || OpenBody("\"")) && Eof())
            {
                AddError("Unterminated string literal", _pos);
            }

            _pos = start;
            return false;
        });
        text = found;
        return ok;
    }

    private bool QuotedBody(string quote)
    {
        var start = _pos;
        if (OpenBody(quote) && Lit(quote))
        {
            return true;
        }

        _pos = start;
        return false;
    }

    // '`' RawStringChar* with RawStringChar <- !'`' . (and the same for '"')
    private bool OpenBody(string quote)
    {
        var start = _pos;
        if (!Lit(quote))
        {
            _pos = start;
            return false;
        }

        while (true)
        {
            var before = _pos;
            if (!(NotAhead(() => Lit(quote)) && Any()))
            {
                _pos = before;
                break;
            }
        }

        return true;
    }
}
