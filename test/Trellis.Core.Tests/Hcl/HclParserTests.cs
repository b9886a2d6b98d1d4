using Trellis.Core.Hcl;

namespace Trellis.Core.Tests.Hcl;

public class HclParserTests
{
    private static HclScalar Scalar(HclObject obj, string key) => Assert.IsType<HclScalar>(Get(obj, key));

    private static HclValue Get(HclObject obj, string key)
    {
        Assert.True(obj.TryGetValue(key, out var value), $"missing key {key}");
        return value;
    }

    [Fact]
    public void Parse_Assignments_ReadsScalarsWithPositions()
    {
        var root = HclParser.Parse("datacenter = \"east\"\n  server = true\nport = 8500\nratio = 0.5\n");

        Assert.Equal("east", Scalar(root, "datacenter").AsString);
        Assert.True(Scalar(root, "server").AsBool);
        Assert.Equal(8500, Scalar(root, "port").AsInt);
        Assert.Equal(0.5, Scalar(root, "ratio").AsFloat);
        Assert.Equal((2, 3), root.PositionOf("server"));
        Assert.Equal(2, Get(root, "server").Line);
        Assert.Equal(12, Get(root, "server").Column);
        Assert.Equal(["datacenter", "server", "port", "ratio"], root.Entries.Select(e => e.Key));
    }

    [Theory]
    [InlineData("x = 42", 42L)]
    [InlineData("x = -7", -7L)]
    [InlineData("x = 0x1F", 31L)]
    [InlineData("x = 0X1f", 31L)]
    [InlineData("x = -0x10", -16L)]
    [InlineData("x = 0755", 493L)]
    [InlineData("x = 0", 0L)]
    [InlineData("x = 9223372036854775807", long.MaxValue)]
    [InlineData("x = -9223372036854775808", long.MinValue)]
    public void Parse_Integer_ReadsValue(string text, long expected)
    {
        Assert.Equal(expected, Scalar(HclParser.Parse(text), "x").AsInt);
    }

    [Theory]
    [InlineData("x = 1.5", 1.5)]
    [InlineData("x = -2.25", -2.25)]
    [InlineData("x = 1e3", 1000.0)]
    [InlineData("x = 1.5E-2", 0.015)]
    [InlineData("x = 2e+2", 200.0)]
    public void Parse_Float_ReadsValue(string text, double expected)
    {
        Assert.Equal(expected, Scalar(HclParser.Parse(text), "x").AsFloat);
    }

    [Theory]
    [InlineData("x = 10s")]
    [InlineData("x = 08")]
    [InlineData("x = 1e")]
    [InlineData("x = 99999999999999999999")]
    [InlineData("x = 0xZZ")]
    public void Parse_BadNumber_Throws(string text)
    {
        var ex = Assert.Throws<HclParseException>(() => HclParser.Parse(text, "n.hcl"));
        Assert.Equal("n.hcl", ex.File);
        Assert.Equal(1, ex.Line);
        Assert.Equal(5, ex.Column);
        Assert.Contains("invalid number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StringEscapes_AreDecoded()
    {
        var root = HclParser.Parse(@"s = ""a\""b\\c\nd\te\r\u00e9\U0001F600\x41 ${var}""");

        Assert.Equal("a\"b\\c\nd\te\ré\U0001F600A ${var}", Scalar(root, "s").AsString);
    }

    [Theory]
    [InlineData("s = \"abc", "literal not terminated")]
    [InlineData("s = \"ab\nc\"", "literal not terminated")]
    [InlineData("s = \"\\q\"", "unknown escape sequence")]
    [InlineData("s = \"\\u12\"", "illegal char in escape sequence")]
    [InlineData("s = \"\\uD800\"", "invalid Unicode code point")]
    public void Parse_BadString_Throws(string text, string reason)
    {
        var ex = Assert.Throws<HclParseException>(() => HclParser.Parse(text));
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Heredoc_KeepsLinesAndTrailingNewline()
    {
        var root = HclParser.Parse("script = <<EOF\n  line one\nline \"two\"\nEOF\nafter = 1\n");

        Assert.Equal("  line one\nline \"two\"\n", Scalar(root, "script").AsString);
        Assert.Equal(1, Scalar(root, "after").AsInt);
        Assert.Equal(5, Get(root, "after").Line);
    }

    [Fact]
    public void Parse_IndentedHeredoc_StripsCommonIndent()
    {
        var root = HclParser.Parse("x {\n  s = <<-END\n      a\n        b\n      END\n}\n");

        var inner = Assert.IsType<HclObject>(Get(root, "x"));
        Assert.Equal("a\n  b\n", Scalar(inner, "s").AsString);
    }

    [Theory]
    [InlineData("s = <<EOF\nno end\n")]
    [InlineData("s = <<EOF")]
    [InlineData("s = << EOF\nx\nEOF\n")]
    public void Parse_BadHeredoc_Throws(string text)
    {
        var ex = Assert.Throws<HclParseException>(() => HclParser.Parse(text));
        Assert.Contains("heredoc", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Comments_AreSkipped()
    {
        var root = HclParser.Parse("# hash\na = 1 // slashes\n/* block\n comment */ b = 2\nc = /* inline */ 3\n");

        Assert.Equal([1L, 2L, 3L], root.Entries.Select(e => ((HclScalar)e.Value).AsInt));
        Assert.Equal(4, Get(root, "b").Line);
    }

    [Fact]
    public void Parse_UnterminatedBlockComment_Throws()
    {
        var ex = Assert.Throws<HclParseException>(() => HclParser.Parse("a = 1\n/* never closed"));
        Assert.Equal((2, 1), (ex.Line, ex.Column));
        Assert.Contains("comment not terminated", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ListWithTrailingComma_ReadsItems()
    {
        var root = HclParser.Parse("retry_join = [\"a\", \"b\",]\nnums = [1, 2,\n 3]\nempty = []\n");

        var join = Assert.IsType<HclList>(Get(root, "retry_join"));
        Assert.Equal(["a", "b"], join.Items.Select(i => ((HclScalar)i).AsString));
        Assert.Equal(3, Assert.IsType<HclList>(Get(root, "nums")).Count);
        Assert.Empty(Assert.IsType<HclList>(Get(root, "empty")).Items);
    }

    [Fact]
    public void Parse_ListWithoutCommas_Throws()
    {
        var ex = Assert.Throws<HclParseException>(() => HclParser.Parse("x = [1 2]"));
        Assert.Equal(8, ex.Column);
    }

    [Fact]
    public void Parse_NestedBlockAndObjectAssignment_AreEquivalent()
    {
        var block = HclParser.Parse("limits {\n  kv_max_value_size = 1024\n  txn_max_req_len = 2048\n}");
        var assign = HclParser.Parse("limits = { kv_max_value_size = 1024, txn_max_req_len = 2048 }");

        Assert.Equal(block, assign);
        var limits = Assert.IsType<HclObject>(Get(block, "limits"));
        Assert.Equal(1024, Scalar(limits, "kv_max_value_size").AsInt);
        Assert.Equal((2, 3), limits.PositionOf("kv_max_value_size"));
    }

    [Fact]
    public void Parse_LabeledBlocks_NestUnderLabels()
    {
        var root = HclParser.Parse("service \"web\" \"v1\" {\n  port = 80\n}\n");

        var service = Assert.IsType<HclObject>(Get(root, "service"));
        var web = Assert.IsType<HclObject>(Get(service, "web"));
        var v1 = Assert.IsType<HclObject>(Get(web, "v1"));
        Assert.Equal(80, Scalar(v1, "port").AsInt);
    }

    [Fact]
    public void Parse_RepeatedBlocks_AccumulateIntoList()
    {
        var root = HclParser.Parse("service { name = \"a\" }\nservice { name = \"b\" }\nservice { name = \"c\" }\n");

        var services = Assert.IsType<HclList>(Get(root, "service"));
        Assert.Equal(["a", "b", "c"], services.Items.Select(s => Scalar((HclObject)s, "name").AsString));
    }

    [Fact]
    public void Parse_RepeatedScalar_LaterWins()
    {
        var root = HclParser.Parse("a = 1\na = 2\n");

        Assert.Equal(2, Scalar(root, "a").AsInt);
        Assert.Equal(2, root.PositionOf("a").Line);
    }

    [Fact]
    public void Parse_QuotedKeysAndIdentifierCharacters_AreAccepted()
    {
        var root = HclParser.Parse("\"quoted key\" = 1\nsnake-case.dotted_1 = 2\n");

        Assert.Equal(1, Scalar(root, "quoted key").AsInt);
        Assert.Equal(2, Scalar(root, "snake-case.dotted_1").AsInt);
    }

    [Theory]
    [InlineData("a = ", 1, 5)]
    [InlineData("a = b", 1, 5)]
    [InlineData("= 1", 1, 1)]
    [InlineData("a {\n b = 1\n", 3, 1)]
    [InlineData("a \"x\"", 1, 6)]
    [InlineData("a = 1\n}", 2, 1)]
    [InlineData("a = @", 1, 5)]
    public void Parse_Malformed_ThrowsWithPosition(string text, int line, int column)
    {
        var ex = Assert.Throws<HclParseException>(() => HclParser.Parse(text, "/etc/x.hcl"));

        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.StartsWith($"/etc/x.hcl: At {line}:{column}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooDeep_ThrowsInsteadOfOverflowing()
    {
        var text = "a = " + new string('[', 100_000);

        var ex = Assert.Throws<HclParseException>(() => HclParser.Parse(text));
        Assert.Contains("nesting", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConsulStyleFile_ReadsEverything()
    {
        const string text = """
            # Consul agent
            datacenter = "dc1"
            data_dir   = "/opt/consul"
            ports {
              http = 8500
              dns  = -1
            }
            retry_join = ["10.0.0.1", "10.0.0.2",]
            ui_config { enabled = true }
            """;

        var root = HclParser.Parse(text);

        Assert.Equal(5, root.Count);
        var ports = Assert.IsType<HclObject>(Get(root, "ports"));
        Assert.Equal(-1, Scalar(ports, "dns").AsInt);
        Assert.Equal(8, root.PositionOf("retry_join").Line);
    }
}
