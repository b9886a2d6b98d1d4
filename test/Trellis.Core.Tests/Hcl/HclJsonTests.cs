using Trellis.Core.Hcl;

namespace Trellis.Core.Tests.Hcl;

public class HclJsonTests
{
    [Fact]
    public void Parse_ConfigObject_MatchesEquivalentHcl()
    {
        const string json = """
            {
              "datacenter": "dc1",
              "server": true,
              "ports": { "http": 8500, "dns": -1 },
              "retry_join": ["a", "b"],
              "ratio": 0.25
            }
            """;
        const string hcl = "datacenter = \"dc1\"\nserver = true\nports { http = 8500\n dns = -1 }\nretry_join = [\"a\", \"b\"]\nratio = 0.25\n";

        Assert.Equal(HclParser.Parse(hcl), HclJson.Parse(json));
    }

    [Fact]
    public void Parse_Nodes_CarryLineAndColumn()
    {
        var root = HclJson.Parse("{\n  \"a\": 1,\n  \"ports\": {\n    \"http\": \"x\"\n  }\n}");

        Assert.Equal((2, 3), root.PositionOf("a"));
        Assert.True(root.TryGetValue("ports", out var ports));
        var obj = Assert.IsType<HclObject>(ports);
        Assert.Equal((4, 5), obj.PositionOf("http"));
        Assert.True(obj.TryGetValue("http", out var http));
        Assert.Equal((4, 13), (http.Line, http.Column));
    }

    [Fact]
    public void Parse_NullMembers_AreDropped()
    {
        var root = HclJson.Parse("{\"a\": null, \"b\": [1, null]}");

        Assert.False(root.TryGetValue("a", out _));
        Assert.True(root.TryGetValue("b", out var b));
        Assert.Equal(1, Assert.IsType<HclList>(b).Count);
    }

    [Fact]
    public void Parse_DuplicateMember_LaterWins()
    {
        var root = HclJson.Parse("{\"a\": 1, \"a\": 2}");

        Assert.Equal(HclScalar.Int(2), root.Entries.Single().Value);
    }

    [Theory]
    [InlineData("{\"a\": 1,\n \"b\": }", 2)]
    [InlineData("[1, 2]", 1)]
    [InlineData("", 1)]
    [InlineData("{} {}", 1)]
    [InlineData("{\"a\": 1e999}", 1)]
    public void Parse_Invalid_ThrowsHclParseException(string json, int line)
    {
        var ex = Assert.Throws<HclParseException>(() => HclJson.Parse(json, "c.json"));

        Assert.Equal("c.json", ex.File);
        Assert.Equal(line, ex.Line);
    }
}
