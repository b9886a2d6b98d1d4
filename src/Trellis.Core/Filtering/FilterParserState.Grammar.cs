namespace Trellis.Core.Filtering;

/// <summary>The rules of go-bexpr's grammar, in its order of alternatives.</summary>
internal sealed partial class FilterParserState
{
    // Input <- _? "(" _? OrExpression _? ")" _? EOF / _? OrExpression _? EOF
    private bool Input(out FilterExpression? result)
    {
        var start = _pos;
        OptWs();
        if (Lit("("))
        {
            OptWs();
            if (Or(out result))
            {
                OptWs();
                if (Lit(")"))
                {
                    OptWs();
                    if (Eof())
                    {
                        return true;
                    }
                }
            }
        }

        _pos = start;
        OptWs();
        if (Or(out result))
        {
            OptWs();
            if (Eof())
            {
                return true;
            }
        }

        _pos = start;
        result = null;
        return false;
    }

    // OrExpression <- AndExpression _ "or" _ OrExpression / AndExpression
    private bool Or(out FilterExpression? result) => Memo(_memoOr, OrUncached, out result);

    private bool OrUncached(out FilterExpression? result)
    {
        var start = _pos;
        if (And(out var left) && Ws() && Lit("or") && Ws() && Or(out var right))
        {
            result = new FilterBinaryExpression(FilterBinaryOperator.Or, left!, right!);
            return true;
        }

        _pos = start;
        if (And(out result))
        {
            return true;
        }

        _pos = start;
        return false;
    }

    // AndExpression <- NotExpression _ "and" _ AndExpression / NotExpression
    private bool And(out FilterExpression? result) => Memo(_memoAnd, AndUncached, out result);

    private bool AndUncached(out FilterExpression? result)
    {
        var start = _pos;
        if (Not(out var left) && Ws() && Lit("and") && Ws() && And(out var right))
        {
            result = new FilterBinaryExpression(FilterBinaryOperator.And, left!, right!);
            return true;
        }

        _pos = start;
        if (Not(out result))
        {
            return true;
        }

        _pos = start;
        return false;
    }

    // NotExpression <- "not" _ NotExpression / ParenthesizedExpression
    private bool Not(out FilterExpression? result) => Memo(_memoNot, NotUncached, out result);

    private bool NotUncached(out FilterExpression? result)
    {
        var start = _pos;
        if (Lit("not") && Ws() && Not(out var operand))
        {
            // Consul compat: "not not x" is folded into x.
            result = operand is FilterNotExpression inner ? inner.Operand : new FilterNotExpression(operand!);
            return true;
        }

        _pos = start;
        if (Parenthesized(out result))
        {
            return true;
        }

        _pos = start;
        return false;
    }

    // ParenthesizedExpression "grouping" <- "(" _? OrExpression _? ")" / MatchExpression
    //                                     / "(" _? OrExpression _? !")" &{ "Unmatched parentheses" }
    private bool Parenthesized(out FilterExpression? result)
    {
        FilterExpression? found = null;
        var ok = Rule("\"grouping\"", () =>
        {
            var start = _pos;
            if (Lit("("))
            {
                OptWs();
                if (Or(out var inner))
                {
                    OptWs();
                    if (Lit(")"))
                    {
                        found = inner;
                        return true;
                    }
                }
            }

            _pos = start;
            if (Match(out var match))
            {
                found = match;
                return true;
            }

            _pos = start;
            if (Lit("("))
            {
                OptWs();
                if (Or(out _))
                {
                    OptWs();
                    if (NotAhead(() => Lit(")")))
                    {
                        AddError("Unmatched parentheses", _pos);
                    }
                }
            }

            _pos = start;
            return false;
        });
        result = found;
        return ok;
    }

    // MatchExpression "match" <- MatchSelectorOpValue / MatchSelectorOp / MatchValueOpSelector
    private bool Match(out FilterExpression? result)
    {
        FilterExpression? found = null;
        var ok = Rule("\"match\"", () =>
            MatchSelectorOpValue(out found) || MatchSelectorOp(out found) || MatchValueOpSelector(out found));
        result = found;
        return ok;
    }

    private bool MatchSelectorOpValue(out FilterExpression? result)
    {
        FilterExpression? found = null;
        var ok = Rule("\"match\"", () =>
        {
            var start = _pos;
            if (Selector(out var selector))
            {
                FilterMatchOperator? op =
                    OpEqual() ? FilterMatchOperator.Equal
                    : OpNotEqual() ? FilterMatchOperator.NotEqual
                    : OpWord(FilterMatchOperator.In, "contains")
                      ?? OpWord(FilterMatchOperator.NotIn, "not", "contains")
                      ?? OpWord(FilterMatchOperator.Matches, "matches")
                      ?? OpWord(FilterMatchOperator.NotMatches, "not", "matches");
                if (op is not null && Value(out var value))
                {
                    found = new FilterMatchExpression(selector!, op.Value, value);
                    return true;
                }
            }

            _pos = start;
            return false;
        });
        result = found;
        return ok;
    }

    private bool MatchSelectorOp(out FilterExpression? result)
    {
        FilterExpression? found = null;
        var ok = Rule("\"match\"", () =>
        {
            var start = _pos;
            if (Selector(out var selector))
            {
                var op = OpIs(FilterMatchOperator.IsEmpty, "empty") ?? OpIs(FilterMatchOperator.IsNotEmpty, "not", "empty");
                if (op is not null)
                {
                    found = new FilterMatchExpression(selector!, op.Value, null);
                    return true;
                }
            }

            _pos = start;
            return false;
        });
        result = found;
        return ok;
    }

    // MatchValueOpSelector "match" <- Value (MatchIn / MatchNotIn) Selector
    //                              / Value (MatchIn / MatchNotIn) !Selector &{ "Invalid selector" }
    private bool MatchValueOpSelector(out FilterExpression? result)
    {
        FilterExpression? found = null;
        var ok = Rule("\"match\"", () =>
        {
            var start = _pos;
            if (Value(out var value))
            {
                var op = OpWord(FilterMatchOperator.In, "in") ?? OpWord(FilterMatchOperator.NotIn, "not", "in");
                if (op is not null && Selector(out var selector))
                {
                    found = new FilterMatchExpression(selector!, op.Value, value);
                    return true;
                }
            }

            _pos = start;
            if (Value(out _))
            {
                var op = OpWord(FilterMatchOperator.In, "in") ?? OpWord(FilterMatchOperator.NotIn, "not", "in");
                if (op is not null && NotAhead(() => Selector(out _)))
                {
                    AddError("Invalid selector", _pos);
                }
            }

            _pos = start;
            return false;
        });
        result = found;
        return ok;
    }

    // MatchEqual <- _? "==" _?
    private bool OpEqual() => OpSymbol("==");

    // MatchNotEqual <- _? "!=" _?
    private bool OpNotEqual() => OpSymbol("!=");

    private bool OpSymbol(string symbol)
    {
        var start = _pos;
        OptWs();
        if (Lit(symbol))
        {
            OptWs();
            return true;
        }

        _pos = start;
        return false;
    }

    // MatchContains <- _ "contains" _, MatchNotIn <- _ "not" _ "in" _, and the like: every word is surrounded by whitespace.
    private FilterMatchOperator? OpWord(FilterMatchOperator op, params string[] words)
    {
        var start = _pos;
        foreach (var word in words)
        {
            if (!Ws() || !Lit(word))
            {
                _pos = start;
                return null;
            }
        }

        if (!Ws())
        {
            _pos = start;
            return null;
        }

        return op;
    }

    // MatchIsEmpty <- _ "is" _ "empty", MatchIsNotEmpty <- _ "is" _ "not" _ "empty"
    private FilterMatchOperator? OpIs(FilterMatchOperator op, params string[] words)
    {
        var start = _pos;
        if (!Ws() || !Lit("is"))
        {
            _pos = start;
            return null;
        }

        foreach (var word in words)
        {
            if (!Ws() || !Lit(word))
            {
                _pos = start;
                return null;
            }
        }

        return op;
    }
}
