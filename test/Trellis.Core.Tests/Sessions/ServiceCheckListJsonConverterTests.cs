using System.Text.Json;
using Trellis.Core.Sessions;

namespace Trellis.Core.Tests.Sessions;

public sealed class ServiceCheckListJsonConverterTests
{
    private static Session Read(string json) => JsonSerializer.Deserialize<Session>(json)!;

    [Fact]
    public void Write_ServiceChecks_AreIdAndNamespaceObjects()
    {
        var json = JsonSerializer.Serialize(new Session { ID = "s", Node = "n", ServiceChecks = ["a", "b"] });

        using var doc = JsonDocument.Parse(json);
        var checks = doc.RootElement.GetProperty("ServiceChecks").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], checks.Select(c => c.GetProperty("ID").GetString()));
        Assert.All(checks, c => Assert.Equal("", c.GetProperty("Namespace").GetString()));
    }

    [Theory]
    [InlineData("""[{"ID":"a","Namespace":""},{"Namespace":"x","id":"b"}]""")]
    [InlineData("""["a","b"]""")]
    [InlineData("""[{"ID":"a","Extra":{"deep":[1,{"ID":"no"}]}},"b"]""")]
    public void Read_ObjectsStringsOrBoth_GiveTheIds(string checks)
    {
        Assert.Equal(["a", "b"], Read($$"""{"ID":"s","Node":"n","ServiceChecks":{{checks}}}""").ServiceChecks!);
    }

    [Fact]
    public void Read_NullOrMissing_IsNull()
    {
        Assert.Null(Read("""{"ID":"s","Node":"n","ServiceChecks":null}""").ServiceChecks);
        Assert.Null(Read("""{"ID":"s","Node":"n"}""").ServiceChecks);
    }

    [Theory]
    [InlineData("""{"ID":"a"}""")]
    [InlineData("\"a\"")]
    [InlineData("[1]")]
    [InlineData("[[\"a\"]]")]
    public void Read_NotAnArrayOfObjectsOrStrings_Throws(string checks)
    {
        Assert.Throws<JsonException>(() => Read($$"""{"ID":"s","Node":"n","ServiceChecks":{{checks}}}"""));
    }

    [Fact]
    public void RoundTrip_AnyIds_Survive()
    {
        var ids = Enumerable.Range(0, 50).Select(i => new string((char)('a' + (i % 26)), i % 7) + "\"\\/é" + i).ToList();
        var back = Read(JsonSerializer.Serialize(new Session { ID = "s", Node = "n", ServiceChecks = ids }));
        Assert.Equal(ids, back.ServiceChecks!);
    }
}
