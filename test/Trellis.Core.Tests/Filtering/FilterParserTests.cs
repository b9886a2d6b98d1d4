using Trellis.Core.Errors;
using Trellis.Core.Filtering;

namespace Trellis.Core.Tests.Filtering;

public class FilterParserTests
{
    private static FilterSelector Sel(params string[] path) => new(FilterSelectorType.Bexpr, path);

    private static FilterMatchExpression M(FilterSelector selector, FilterMatchOperator op, string? value) => new(selector, op, value);

    [Theory]
    [InlineData("Service == web", FilterMatchOperator.Equal, "web")]
    [InlineData("Service != web", FilterMatchOperator.NotEqual, "web")]
    [InlineData("Service==web", FilterMatchOperator.Equal, "web")]
    [InlineData("Service contains web", FilterMatchOperator.In, "web")]
    [InlineData("Service not contains web", FilterMatchOperator.NotIn, "web")]
    [InlineData("web in Service", FilterMatchOperator.In, "web")]
    [InlineData("web not in Service", FilterMatchOperator.NotIn, "web")]
    [InlineData("Service matches \"^w.b$\"", FilterMatchOperator.Matches, "^w.b$")]
    [InlineData("Service not matches `^w\\.b$`", FilterMatchOperator.NotMatches, "^w\\.b$")]
    [InlineData("Service is empty", FilterMatchOperator.IsEmpty, null)]
    [InlineData("Service is not empty", FilterMatchOperator.IsNotEmpty, null)]
    public void Parse_EachOperator_GivesMatchExpression(string text, FilterMatchOperator op, string? value)
    {
        Assert.Equal(M(Sel("Service"), op, value), FilterParser.Parse(text));
    }

    [Fact]
    public void Parse_AndOrNot_BindsNotTightestThenAndThenOr()
    {
        var parsed = FilterParser.Parse("a == 1 or not b == 2 and c == 3");

        var expected = new FilterBinaryExpression(
            FilterBinaryOperator.Or,
            M(Sel("a"), FilterMatchOperator.Equal, "1"),
            new FilterBinaryExpression(
                FilterBinaryOperator.And,
                new FilterNotExpression(M(Sel("b"), FilterMatchOperator.Equal, "2")),
                M(Sel("c"), FilterMatchOperator.Equal, "3")));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Parse_ChainedOr_IsRightAssociative()
    {
        var parsed = FilterParser.Parse("a == 1 or b == 2 or c == 3");

        var or = Assert.IsType<FilterBinaryExpression>(parsed);
        Assert.IsType<FilterMatchExpression>(or.Left);
        Assert.Equal(FilterBinaryOperator.Or, Assert.IsType<FilterBinaryExpression>(or.Right).Operator);
    }

    [Fact]
    public void Parse_Parentheses_OverridePrecedence()
    {
        var parsed = FilterParser.Parse("(a == 1 or b == 2) and c == 3");

        var and = Assert.IsType<FilterBinaryExpression>(parsed);
        Assert.Equal(FilterBinaryOperator.And, and.Operator);
        Assert.Equal(FilterBinaryOperator.Or, Assert.IsType<FilterBinaryExpression>(and.Left).Operator);
    }

    [Fact]
    public void Parse_WholeExpressionInParenthesesWithSpaces_Parses()
    {
        Assert.Equal(M(Sel("a"), FilterMatchOperator.Equal, "1"), FilterParser.Parse("  ( a == 1 )  "));
    }

    [Fact]
    public void Parse_DoubleNot_FoldsAway()
    {
        Assert.Equal(M(Sel("a"), FilterMatchOperator.Equal, "1"), FilterParser.Parse("not not a == 1"));
        Assert.Equal(new FilterNotExpression(M(Sel("a"), FilterMatchOperator.Equal, "1")), FilterParser.Parse("not (a == 1)"));
    }

    [Fact]
    public void Parse_SelectorForms_GiveSamePath()
    {
        var expected = M(Sel("Service", "Meta", "env"), FilterMatchOperator.Equal, "prod");

        Assert.Equal(expected, FilterParser.Parse("Service.Meta.env == prod"));
        Assert.Equal(expected, FilterParser.Parse("Service.Meta[\"env\"] == prod"));
        Assert.Equal(expected, FilterParser.Parse("Service.Meta[ `env` ] == prod"));
    }

    [Fact]
    public void Parse_IndexWithAnyCharacters_KeepsKey()
    {
        var parsed = FilterParser.Parse("Service.Meta[\"my-key.with dots\"] is empty");

        Assert.Equal(M(Sel("Service", "Meta", "my-key.with dots"), FilterMatchOperator.IsEmpty, null), parsed);
    }

    [Fact]
    public void Parse_NumericPathSegment_IsKept()
    {
        Assert.Equal(M(Sel("Items", "0", "Name"), FilterMatchOperator.Equal, "x"), FilterParser.Parse("Items.0.Name == x"));
    }

    [Fact]
    public void Parse_JsonPointerSelector_UnescapesSegments()
    {
        var parsed = FilterParser.Parse("\"/Service/Meta/a~1b~0c\" == x");

        Assert.Equal(
            new FilterMatchExpression(new FilterSelector(FilterSelectorType.JsonPointer, ["Service", "Meta", "a/b~c"]), FilterMatchOperator.Equal, "x"),
            parsed);
    }

    [Theory]
    [InlineData("a == web", "web")]
    [InlineData("a == 80", "80")]
    [InlineData("a == -1.5", "-1.5")]
    [InlineData("a == 0", "0")]
    [InlineData("a == true", "true")]
    [InlineData("a == \"hello world\"", "hello world")]
    [InlineData("a == `raw \\n \"quoted\"`", "raw \\n \"quoted\"")]
    [InlineData("a == \"tab\\there\\x41\\u00e9\\101\"", "tab\there" + "A\u00e9A")]
    [InlineData("a == \"\"", "")]
    [InlineData("a == b.c", "b.c")]
    [InlineData("a == \"/x/y\"", "x/y")]
    public void Parse_ValueForms_GiveRawValue(string text, string raw)
    {
        var match = Assert.IsType<FilterMatchExpression>(FilterParser.Parse(text));

        Assert.Equal(raw, match.Value);
    }

    [Fact]
    public void Parse_RawStringWithCarriageReturn_DropsIt()
    {
        var match = Assert.IsType<FilterMatchExpression>(FilterParser.Parse("a == `x\r\ny`"));

        Assert.Equal("x\ny", match.Value);
    }

    [Fact]
    public void Parse_KeywordAsSelector_Parses()
    {
        Assert.Equal(M(Sel("not"), FilterMatchOperator.IsEmpty, null), FilterParser.Parse("not is empty"));
        Assert.Equal(new FilterNotExpression(M(Sel("not"), FilterMatchOperator.Equal, "v")), FilterParser.Parse("not not == v"));
    }

    [Theory]
    [InlineData("foo == ", "1:8 (7): no match found, expected: \"-\", \"0\", \"\\\"\", \"`\", [ \\t\\r\\n], [1-9] or [a-zA-Z]")]
    [InlineData("Service.Port == 80 and", "1:23 (22): no match found, expected: [ \\t\\r\\n]")]
    [InlineData("Name == x\nand", "2:4 (13): no match found, expected: [ \\t\\r\\n]")]
    [InlineData("   ", "1:4 (3): no match found, expected: \"(\", \"-\", \"0\", \"\\\"\", \"`\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]")]
    [InlineData("Service.Service == \"web", "1:24 (23): rule \"string\": Unterminated string literal")]
    [InlineData("Service.Port == 80a", "1:19 (18): rule \"number\": Invalid number literal")]
    [InlineData("(Service.Port == 80", "1:20 (19): rule \"grouping\": Unmatched parentheses")]
    [InlineData("Service.Meta[foo] == x", "1:14 (13): rule \"index\": Invalid index")]
    [InlineData("Service.Meta[\"foo\" == x", "1:20 (19): rule \"index\": Unclosed index expression")]
    [InlineData("\"a\" in 5", "1:8 (7): rule \"match\": Invalid selector")]
    [InlineData("Name == \"a\\qb\"", "1:9 (8): rule \"string\": invalid syntax")]
    public void Parse_InvalidExpression_ThrowsConsulError(string text, string error)
    {
        var e = Assert.Throws<InvalidRequestException>(() => FilterParser.Parse(text));

        Assert.Equal("Failed to create boolean expression evaluator: " + error, e.Message);
    }

    [Fact]
    public void Parse_EscapedQuoteInDoubleQuotes_IsAnErrorAsInBexpr()
    {
        // The grammar ends a "…" literal at the first quote, so \" cannot be written inside one.
        Assert.Throws<InvalidRequestException>(() => FilterParser.Parse("a == \"x\\\"y\""));
    }

    [Fact]
    public void Parse_HyphenInBareValue_IsAnError()
    {
        Assert.Throws<InvalidRequestException>(() => FilterParser.Parse("Service == web-1"));
        Assert.Equal("web-1", Assert.IsType<FilterMatchExpression>(FilterParser.Parse("Service == \"web-1\"")).Value);
    }

    [Fact]
    public void Parse_MultiByteCharacters_CountsBytesForOffsetAndRunesForColumn()
    {
        var e = Assert.Throws<InvalidRequestException>(() => FilterParser.Parse("a == \"é\" and"));

        Assert.Equal("Failed to create boolean expression evaluator: 1:13 (13): no match found, expected: [ \\t\\r\\n]", e.Message);
    }

    [Fact]
    public void Parse_ThirtyNestedParentheses_ParsesOnceThanksToMemo()
    {
        var text = new string('(', 30) + "a == 1" + new string(')', 30) + " and " + new string('(', 30) + "b == 2" + new string(')', 30);

        var parsed = FilterParser.Parse(text);

        Assert.Equal(
            new FilterBinaryExpression(FilterBinaryOperator.And, M(Sel("a"), FilterMatchOperator.Equal, "1"), M(Sel("b"), FilterMatchOperator.Equal, "2")),
            parsed);
    }

    [Fact]
    public void Parse_UnbalancedDeepParentheses_ReportsUnmatched()
    {
        var e = Assert.Throws<InvalidRequestException>(() => FilterParser.Parse(new string('(', 40) + "a == 1"));

        Assert.Contains("rule \"grouping\": Unmatched parentheses", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HundredThousandNestedParentheses_ThrowsInsteadOfOverflowingTheStack()
    {
        var text = new string('(', 100_000) + "a == 1" + new string(')', 100_000);

        var e = Assert.Throws<InvalidRequestException>(() => FilterParser.Parse(text));

        Assert.Equal("Failed to create boolean expression evaluator: expression is nested too deeply", e.Message);
    }

    [Fact]
    public void Parse_ManyTermsJoinedByAnd_ParsesRightNested()
    {
        var text = string.Join(" and ", Enumerable.Range(0, 500).Select(i => $"a == {i}"));

        var parsed = FilterParser.Parse(text);

        var depth = 0;
        for (var node = parsed; node is FilterBinaryExpression b; node = b.Right)
        {
            depth++;
        }

        Assert.Equal(499, depth);
    }
}
