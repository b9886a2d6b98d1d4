using Trellis.Core.Formats;

namespace Trellis.Core.Tests.Formats;

public class GoQuoteTests
{
    [Theory]
    [InlineData("abc", "\"abc\"")]
    [InlineData("", "\"\"")]
    [InlineData(null, "\"\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\tnl\n", "\"tab\\tnl\\n\"")]
    [InlineData("\u0001\u007f", "\"\\x01\\x7f\"")]
    [InlineData("héllo/ключ", "\"héllo/ключ\"")]
    [InlineData("\u0080", "\"\\u0080\"")]
    [InlineData("a\u2028b", "\"a\\u2028b\"")]
    [InlineData("no\u00a0break", "\"no\\u00a0break\"")]
    [InlineData("\a\b\f\v", "\"\\a\\b\\f\\v\"")]
    [InlineData("emoji 😀", "\"emoji 😀\"")]
    public void Quote_MatchesGoPercentQ(string? input, string expected) => Assert.Equal(expected, GoQuote.Quote(input));
}
