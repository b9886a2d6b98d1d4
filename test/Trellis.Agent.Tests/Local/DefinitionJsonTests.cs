using System.Text;
using System.Text.Json.Nodes;
using Trellis.Agent.Local;
using Trellis.Core.Errors;

namespace Trellis.Agent.Tests.Local;

public sealed class DefinitionJsonTests
{
    [Fact]
    public void DecodeService_SnakeCaseAndPascalCase_SameDefinition()
    {
        var snake = DefinitionJson.DecodeService(Encoding.UTF8.GetBytes(
            """{"name":"web","enable_tag_override":true,"tagged_addresses":{"lan_ipv4":{"address":"10.0.0.1","port":80}},"meta":{"Some_Key":"v"},"check":{"check_id":"c","ttl":"5s","deregister_critical_service_after":"1m"}}"""));
        var pascal = DefinitionJson.DecodeService(Encoding.UTF8.GetBytes(
            """{"Name":"web","EnableTagOverride":true,"TaggedAddresses":{"lan_ipv4":{"Address":"10.0.0.1","Port":80}},"Meta":{"Some_Key":"v"},"Check":{"CheckID":"c","TTL":"5s","DeregisterCriticalServiceAfter":"1m"}}"""));

        Assert.Equal(DefinitionJson.Canonical(pascal), DefinitionJson.Canonical(snake));
        Assert.True(snake.EnableTagOverride);
        Assert.Equal("10.0.0.1", snake.TaggedAddresses!["lan_ipv4"].Address);
        Assert.Equal("v", snake.Meta!["Some_Key"]);
        Assert.Equal(("c", "1m"), (snake.Check!.CheckID, snake.Check.DeregisterCriticalServiceAfter));
    }

    [Fact]
    public void DecodeCheck_ScriptArgsAndNanosecondDurations_Accepted()
    {
        var check = DefinitionJson.DecodeCheck(Encoding.UTF8.GetBytes("""{"Name":"s","ScriptArgs":["/bin/true","x"],"Interval":10000000000,"Header":{"X-Some_Thing":["a"]}}"""));

        Assert.Equal(["/bin/true", "x"], check.Args);
        Assert.Equal("10s", check.Interval);
        Assert.Equal(["a"], check.Header!["X-Some_Thing"]);
    }

    [Fact]
    public void DecodeService_HclShapedBlocks_UnwrappedButChecksListKept()
    {
        var node = JsonNode.Parse("""{"name":"web","check":[{"ttl":"5s"}],"checks":[{"ttl":"6s"}],"weights":[{"passing":3}]}""")!;

        var service = DefinitionJson.DecodeService(node);

        Assert.Equal("5s", service.Check!.TTL);
        Assert.Equal("6s", Assert.Single(service.Checks!).TTL);
        Assert.Equal(3, service.Weights!.Passing);
    }

    [Theory]
    [InlineData("", "Request decode failed: EOF")]
    [InlineData("[1]", "Request decode failed: json: cannot unmarshal array into Go value of type structs.ServiceDefinition")]
    public void DecodeService_Malformed_ConsulPrefix(string body, string error)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => DefinitionJson.DecodeService(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(error, ex.Message);
    }

    [Fact]
    public void DecodeService_WrongType_DecodeFailed400()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => DefinitionJson.DecodeService("""{"Name":5}"""u8));

        Assert.StartsWith("Request decode failed: ", ex.Message);
    }
}
