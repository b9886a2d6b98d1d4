using FsCheck;
using FsCheck.Fluent;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Tests.Flags;

public sealed class FlagSetTests
{
    [Theory]
    [InlineData("-addr=x:1")]
    [InlineData("--addr=x:1")]
    public void Parse_EqualsForm_SetsValue(string arg)
    {
        var flags = new FlagSet("t");
        var addr = flags.String("addr", "");
        flags.Parse([arg, "rest"]);
        Assert.Equal("x:1", addr.Value);
        Assert.Equal(["rest"], flags.Arguments);
        Assert.True(flags.IsSet("addr"));
    }

    [Fact]
    public void Parse_SpaceForm_ConsumesNextArgument()
    {
        var flags = new FlagSet("t");
        var addr = flags.String("addr", "");
        var n = flags.UInt64("n", "");
        flags.Parse(["-addr", "x:1", "-n", "42", "key"]);
        Assert.Equal("x:1", addr.Value);
        Assert.Equal(42UL, n.Value);
        Assert.Equal(["key"], flags.Arguments);
    }

    [Fact]
    public void Parse_EqualsWithEmptyValue_SetsEmpty()
    {
        var flags = new FlagSet("t");
        var s = flags.String("s", "", "default");
        flags.Parse(["-s="]);
        Assert.Equal("", s.Value);
    }

    [Fact]
    public void Parse_BoolWithoutValue_IsTrueAndDoesNotConsumeNext()
    {
        var flags = new FlagSet("t");
        var b = flags.Bool("recurse", "");
        flags.Parse(["-recurse", "false"]);
        Assert.True(b.Value);
        Assert.Equal(["false"], flags.Arguments);
    }

    [Theory]
    [InlineData("-b=false", false)]
    [InlineData("-b=0", false)]
    [InlineData("-b=F", false)]
    [InlineData("-b=true", true)]
    [InlineData("-b=1", true)]
    [InlineData("-b=T", true)]
    public void Parse_BoolEqualsForms_ParseGoBooleans(string arg, bool expected)
    {
        var flags = new FlagSet("t");
        var b = flags.Bool("b", "", !expected);
        flags.Parse([arg]);
        Assert.Equal(expected, b.Value);
    }

    [Fact]
    public void Parse_InvalidBool_ThrowsGoWording()
    {
        var flags = new FlagSet("t");
        flags.Bool("b", "");
        var ex = Assert.Throws<FlagParseException>(() => flags.Parse(["-b=maybe"]));
        Assert.Equal("invalid boolean value \"maybe\" for -b: parse error", ex.Message);
    }

    [Fact]
    public void Parse_DoubleDash_StopsParsingAndIsDropped()
    {
        var flags = new FlagSet("t");
        var b = flags.Bool("b", "");
        flags.Parse(["--", "-b", "x"]);
        Assert.False(b.Value);
        Assert.Equal(["-b", "x"], flags.Arguments);
    }

    [Fact]
    public void Parse_FirstNonFlag_StopsParsing()
    {
        var flags = new FlagSet("t");
        var b = flags.Bool("b", "");
        flags.Parse(["key", "-b"]);
        Assert.False(b.Value);
        Assert.Equal(["key", "-b"], flags.Arguments);
    }

    [Fact]
    public void Parse_LoneDash_IsAnArgument()
    {
        var flags = new FlagSet("t");
        flags.Parse(["-", "x"]);
        Assert.Equal(["-", "x"], flags.Arguments);
    }

    [Fact]
    public void Parse_UnknownFlag_ThrowsGoWording()
    {
        var flags = new FlagSet("t");
        var ex = Assert.Throws<FlagParseException>(() => flags.Parse(["-nope=1"]));
        Assert.Equal("flag provided but not defined: -nope", ex.Message);
    }

    [Fact]
    public void Parse_MissingValue_ThrowsNeedsArgument()
    {
        var flags = new FlagSet("t");
        flags.String("token", "");
        var ex = Assert.Throws<FlagParseException>(() => flags.Parse(["-token"]));
        Assert.Equal("flag needs an argument: -token", ex.Message);
    }

    [Theory]
    [InlineData("---x")]
    [InlineData("-=x")]
    public void Parse_BadSyntax_Throws(string arg)
    {
        var flags = new FlagSet("t");
        var ex = Assert.Throws<FlagParseException>(() => flags.Parse([arg]));
        Assert.Equal($"bad flag syntax: {arg}", ex.Message);
    }

    [Fact]
    public void Parse_InvalidNumber_ThrowsInvalidValue()
    {
        var flags = new FlagSet("t");
        flags.UInt64("flags", "");
        var ex = Assert.Throws<FlagParseException>(() => flags.Parse(["-flags=-1"]));
        Assert.Equal("invalid value \"-1\" for flag -flags: parse error", ex.Message);
    }

    [Fact]
    public void Parse_RepeatableFlag_AppendsEveryOccurrence()
    {
        var flags = new FlagSet("t");
        var join = flags.StringList("join", "");
        flags.Parse(["-join=a", "-join", "b", "--join=c"]);
        Assert.Equal(["a", "b", "c"], join.Value);
    }

    [Fact]
    public void Parse_LastOccurrenceWins_ForScalarFlags()
    {
        var flags = new FlagSet("t");
        var s = flags.String("s", "");
        flags.Parse(["-s=a", "-s=b"]);
        Assert.Equal("b", s.Value);
    }

    [Fact]
    public void Parse_Duration_UsesGoSyntax()
    {
        var flags = new FlagSet("t");
        var d = flags.Duration("wait", "");
        flags.Parse(["-wait=1m30s"]);
        Assert.Equal(TimeSpan.FromSeconds(90), d.Value);
    }

    [FsCheck.Xunit.Property]
    public Property Parse_EqualsAndSpaceForms_Agree(NonNull<string> value)
    {
        var text = value.Get;
        var a = new FlagSet("a");
        var av = a.String("v", "");
        a.Parse(["-v=" + text]);
        var b = new FlagSet("b");
        var bv = b.String("v", "");
        b.Parse(["-v", text]);
        return (av.Value == text && bv.Value == text).ToProperty();
    }
}
