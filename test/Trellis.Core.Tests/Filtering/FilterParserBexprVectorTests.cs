using Trellis.Core.Errors;
using Trellis.Core.Filtering;

namespace Trellis.Core.Tests.Filtering;

/// <summary>Inputs and the exact errors go-bexpr's own grammar tests (and Consul's ACL binding-rule tests) expect.</summary>
public class FilterParserBexprVectorTests
{
    [Theory]
    [InlineData("\"/hy-phen/under_score/pi|pe/do.t/ti~lde/\" == 3", "1:43 (42): no match found, expected: \"in\", \"not\" or [ \\t\\r\\n]")]
    [InlineData("foo == \"12x", "1:12 (11): rule \"string\": Unterminated string literal")]
    [InlineData("foo == `12x", "1:12 (11): rule \"string\": Unterminated string literal")]
    [InlineData("foo == 3x", "1:9 (8): rule \"number\": Invalid number literal")]
    [InlineData("foo[3] == abc", "1:5 (4): rule \"index\": Invalid index")]
    [InlineData("x in foo[\"abc\"", "1:15 (14): rule \"index\": Unclosed index expression")]
    [InlineData("foo[\"abc\" == 3", "1:11 (10): rule \"index\": Unclosed index expression")]
    [InlineData("x in 32", "1:6 (5): rule \"match\": Invalid selector")]
    [InlineData("32 == 32", "1:4 (3): no match found, expected: \"in\", \"not\" or [ \\t\\r\\n]")]
    [InlineData("32 is empty", "1:4 (3): no match found, expected: \"in\", \"not\" or [ \\t\\r\\n]")]
    [InlineData("x in foo abc", "1:10 (9): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF")]
    [InlineData("x in foo and ", "1:14 (13): no match found, expected: \"(\", \"-\", \"0\", \"\\\"\", \"`\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]")]
    [InlineData("x in foo or ", "1:13 (12): no match found, expected: \"(\", \"-\", \"0\", \"\\\"\", \"`\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]")]
    [InlineData("x in foo or not ", "1:17 (16): no match found, expected: \"!=\", \"(\", \"-\", \"0\", \"==\", \"\\\"\", \"`\", \"contains\", \"in\", \"is\", \"matches\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]")]
    [InlineData("(foo == 4", "1:10 (9): rule \"grouping\": Unmatched parentheses")]
    [InlineData("group-name in list.groups", "1:6 (5): no match found, expected: \"!=\", \".\", \"==\", \"[\", [ \\t\\r\\n] or [a-zA-Z0-9_/]")]
    public void Parse_BexprErrorVector_GivesSameMessage(string input, string error)
    {
        var e = Assert.Throws<InvalidRequestException>(() => FilterParser.Parse(input));

        Assert.Equal(FilterParser.ErrorPrefix + error, e.Message);
    }

    [Theory]
    [InlineData("\t\r\n  foo \t\r\n == \t\r\n x \t\r\n", "foo == \"x\"")]
    [InlineData("\t\r\n  foo \t\r\n not \t\r\n in \t\r\n x \t\r\n", "\"foo\" not in x")]
    [InlineData("\t\r\n  foo \t\r\n is \t\r\n not \t\r\n empty \t\r\n", "foo is not empty")]
    [InlineData("\t\r\n ( \t\r\n foo \t\r\n == \t\r\n x \t\r\n ) \t\r\n", "foo == \"x\"")]
    [InlineData("`environment` in foo.bar[\"meta\"].tags[\t`ENV` ]", "\"environment\" in foo.bar.meta.tags.ENV")]
    [InlineData("environment in foo[\"abc-def ghi åß∂ƒ\"]", "\"environment\" in foo[\"abc-def ghi åß∂ƒ\"]")]
    [InlineData("foo/bar == 3", "foo/bar == \"3\"")]
    [InlineData("x in foo and not str == something or list is empty", "\"x\" in foo and not str == \"something\" or list is empty")]
    [InlineData(
        "(((foo == 3) and (not ((bar in baz) and (not (one != two))))) or (((next is empty) and (not (foo is not empty))) and (bar not in foo)))",
        "foo == \"3\" and not (\"bar\" in baz and not one != \"two\") or (next is empty and not foo is not empty) and \"bar\" not in foo")]
    public void Parse_BexprParseVector_GivesExpectedTree(string input, string canonical)
    {
        var parsed = FilterParser.Parse(input);

        Assert.Equal(canonical, FilterPrinter.Print(parsed));
        Assert.Equal(parsed, FilterParser.Parse(canonical));
    }
}
