using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.Errors;
using Trellis.Core.Filtering;

namespace Trellis.Core.Tests.Filtering;

public class FilterPrinterTests
{
    private static readonly string[] Words =
        ["a", "Name", "Service", "not", "in", "is", "and", "or", "contains", "empty", "matches", "x/y", "b_1", "Z9"];

    private static readonly Gen<string> AnyText =
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !s.Any(char.IsSurrogate));

    private static readonly Gen<string> Values = Gen.OneOf(
        Gen.Elements("", "web", "80", "-1.5", "true", "/a/b", "/x", "a`b", "\"q\"", "back\\slash", "tab\t", "cr\r\nlf", "é", "ü/ß", "not", "in"),
        AnyText);

    private static readonly Gen<FilterSelector> Selectors = Gen.OneOf(
        Gen.Zip(Gen.Elements(Words), Gen.ListOf(Gen.OneOf(Gen.Elements(Words), Gen.Elements("0", "12", "my-key", "", "a b"), AnyText), 3))
            .Select(t => new FilterSelector(FilterSelectorType.Bexpr, [t.Item1, .. t.Item2])),
        Gen.NonEmptyListOf(Gen.Elements("a", "b-c", "x.y", "é", "t~x", "1", "p|q:r"))
            .Select(parts => new FilterSelector(FilterSelectorType.JsonPointer, parts.Take(4).ToArray())));

    private static readonly Gen<FilterExpression> Matches =
        from selector in Selectors
        from op in Gen.Elements(Enum.GetValues<FilterMatchOperator>())
        from value in Values
        select (FilterExpression)new FilterMatchExpression(
            selector, op, op is FilterMatchOperator.IsEmpty or FilterMatchOperator.IsNotEmpty ? null : value);

    private static Gen<FilterExpression> Trees(int size, bool underNot) =>
        size <= 1
            ? Matches
            : Gen.Frequency(
                (3, Matches),
                (underNot ? 0 : 1, Trees(size - 1, true).Select(e => (FilterExpression)new FilterNotExpression(e))),
                (2, from op in Gen.Elements(FilterBinaryOperator.And, FilterBinaryOperator.Or)
                    from left in Trees(size / 2, false)
                    from right in Trees(size / 2, false)
                    select (FilterExpression)new FilterBinaryExpression(op, left, right)));

    public static Arbitrary<FilterExpression> Expressions() => Gen.Sized(size => Trees(Math.Min(size, 10), false)).ToArbitrary();

    [Property(Arbitrary = [typeof(FilterPrinterTests)], MaxTest = 500)]
    public bool Print_ThenParse_GivesSameTree(FilterExpression tree) => FilterParser.Parse(FilterPrinter.Print(tree)).Equals(tree);

    [Property(MaxTest = 500)]
    public Property PrintValue_ThenParse_GivesSameValue() =>
        Prop.ForAll(Values.ToArbitrary(), value =>
            Assert.Equal(value, Assert.IsType<FilterMatchExpression>(FilterParser.Parse("a == " + FilterPrinter.PrintValue(value))).Value));

    [Fact]
    public void Expressions_Generator_ProducesEveryNodeKind()
    {
        var nodes = Expressions().Generator.Sample(300, 300).SelectMany(Nodes).ToList();

        Assert.Contains(nodes, t => t is FilterBinaryExpression { Operator: FilterBinaryOperator.Or });
        Assert.Contains(nodes, t => t is FilterBinaryExpression { Operator: FilterBinaryOperator.And });
        Assert.Contains(nodes, t => t is FilterNotExpression);
        Assert.Contains(nodes, t => t is FilterMatchExpression { Selector.Type: FilterSelectorType.JsonPointer });
    }

    private static IEnumerable<FilterExpression> Nodes(FilterExpression tree) => tree switch
    {
        FilterBinaryExpression b => Nodes(b.Left).Concat(Nodes(b.Right)).Prepend(b),
        FilterNotExpression n => Nodes(n.Operand).Prepend(n),
        _ => [tree],
    };

    [Theory]
    [InlineData("a == 1 or b == 2 and c == 3", "a == \"1\" or b == \"2\" and c == \"3\"")]
    [InlineData("(a == 1 or b == 2) and c == 3", "(a == \"1\" or b == \"2\") and c == \"3\"")]
    [InlineData("not (a == 1 and b == 2)", "not (a == \"1\" and b == \"2\")")]
    [InlineData("x in Service.Tags", "\"x\" in Service.Tags")]
    [InlineData("Service.Meta[\"my-key\"] is not empty", "Service.Meta[\"my-key\"] is not empty")]
    [InlineData("Name not matches `^/a/b`", "Name not matches \"^/a/b\"")]
    [InlineData("Name == `/a/b`", "Name == `/a/b`")]
    [InlineData("Name == `say \"hi\"`", "Name == \"say \\x22hi\\x22\"")]
    [InlineData("\"/Service/a~1b\" != x", "\"/Service/a~1b\" != \"x\"")]
    public void Print_ParsedExpression_GivesCanonicalText(string text, string printed)
    {
        Assert.Equal(printed, FilterPrinter.Print(FilterParser.Parse(text)));
    }

    [Fact]
    public void Print_LeftNestedOr_AddsParentheses()
    {
        var a = new FilterMatchExpression(new FilterSelector(FilterSelectorType.Bexpr, ["a"]), FilterMatchOperator.IsEmpty, null);
        var tree = new FilterBinaryExpression(FilterBinaryOperator.Or, new FilterBinaryExpression(FilterBinaryOperator.Or, a, a), a);

        Assert.Equal("(a is empty or a is empty) or a is empty", FilterPrinter.Print(tree));
        Assert.Equal(tree, FilterParser.Parse(FilterPrinter.Print(tree)));
    }

    private static readonly char[] Alphabet = "ab.[]()\"`\\/ =!-0129x\n\té".ToCharArray();

    private static readonly string[] Fragments = [" and ", " or ", "not ", " in ", " not in ", " is empty", " == ", " != ", " contains ", " matches ", "(", ")", "[\"", "\"]"];

    private static Gen<string> Garbage() =>
        Gen.OneOf(
            Gen.ArrayOf(Gen.Elements(Alphabet)).Select(cs => new string(cs)),
            Gen.ListOf(Gen.OneOf(Gen.Elements(Fragments), Gen.Elements("a", "b.c", "1", "\"x\"", "`y`"))).Select(string.Concat),
            AnyText);

    [Property(MaxTest = 1000)]
    public Property Parse_Garbage_ThrowsOnlyInvalidRequest() =>
        Prop.ForAll(Garbage().ToArbitrary(), text =>
        {
            try
            {
                var tree = FilterParser.Parse(text);
                Assert.Equal(tree, FilterParser.Parse(FilterPrinter.Print(tree)));
            }
            catch (InvalidRequestException e)
            {
                Assert.StartsWith("Failed to create boolean expression evaluator: ", e.Message, StringComparison.Ordinal);
            }
        });
}
