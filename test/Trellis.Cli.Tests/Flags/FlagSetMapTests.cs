using Trellis.Cli.Flags;

namespace Trellis.Cli.Tests.Flags;

public sealed class FlagSetMapTests
{
    [Fact]
    public void Map_Repeated_SplitsAtFirstEquals()
    {
        var flags = new FlagSet("t");
        var meta = flags.Map("meta", "");
        flags.Parse(["-meta=a=1", "-meta", "b=x=y", "-meta=a=2", "arg"]);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "2", ["b"] = "x=y" }, meta.Value);
        Assert.Equal(["arg"], flags.Arguments);
    }

    [Fact]
    public void Map_MissingEquals_FailsWithGoWording()
    {
        var flags = new FlagSet("t");
        flags.Map("node-meta", "");
        var ex = Assert.Throws<FlagParseException>(() => flags.Parse(["-node-meta=rack"]));
        Assert.Equal("invalid value \"rack\" for flag -node-meta: missing \"=\" in argument: rack", ex.Message);
    }

    [Fact]
    public void Map_EmptyValue_IsAllowed()
    {
        var flags = new FlagSet("t");
        var meta = flags.Map("meta", "");
        flags.Parse(["-meta=k="]);
        Assert.Equal("", meta.Value["k"]);
    }
}
