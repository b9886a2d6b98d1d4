using Microsoft.Extensions.Logging;
using Trellis.Hosting.Logging;

namespace Trellis.Hosting.Tests.Logging;

public sealed class AgentLoggingTests
{
    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("err", LogLevel.Error)]
    [InlineData("error", LogLevel.Error)]
    public void ParseLevel_ConsulNames_MapToLevels(string text, LogLevel expected)
    {
        Assert.Equal(expected, AgentLogging.ParseLevel(text));
    }

    [Fact]
    public void ParseLevel_Unknown_Throws()
    {
        Assert.Throws<ArgumentException>(() => AgentLogging.ParseLevel("loud"));
    }
}
