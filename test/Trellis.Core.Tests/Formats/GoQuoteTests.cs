using Trellis.State.Formats;

namespace Trellis.State.Tests.Formats;

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
    public void Quote_MatchesGoPercentQ(string? input, string expected) => Assert.Equal(expected, GoQuote.Quote(input));
}
