using Trellis.Agent.Checks;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Checks;

public sealed class CheckDefinitionValidatorTests
{
    public static TheoryData<CheckDefinition, string> Invalid => new()
    {
        { new CheckDefinition { HTTP = "http://x", Interval = "10s", TTL = "10s" }, "Interval and TTL cannot both be specified" },
        { new CheckDefinition { HTTP = "http://x" }, "Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks" },
        { new CheckDefinition { TCP = "x:1", Interval = "0s" }, "Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks" },
        { new CheckDefinition { Args = ["true"], Interval = "-1s" }, "Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks" },
        { new CheckDefinition { UDP = "x:1", AliasService = "web", Interval = "5s" }, "Interval cannot be set for Alias checks" },
        { new CheckDefinition { AliasService = "web", TTL = "5s" }, "TTL must be not be set for Alias checks" },
        { new CheckDefinition { Name = "empty" }, "TTL must be > 0 for TTL checks" },
        { new CheckDefinition { DockerContainerID = "abc", Interval = "5s" }, "TTL must be > 0 for TTL checks" },
        { new CheckDefinition { TTL = "5s", OutputMaxSize = -1 }, "MaxOutputMaxSize must be positive" },
        { new CheckDefinition { TTL = "5s", FailuresBeforeWarning = 3, FailuresBeforeCritical = 2 }, "FailuresBeforeWarning can't be higher than FailuresBeforeCritical" },
        { new CheckDefinition { TTL = "5s", Status = "broken" }, "Bad check status" },
        { new CheckDefinition { HTTP = "http://x", Interval = "ten" }, "time: invalid duration \"ten\"" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidDefinition_ReturnsConsulMessage(CheckDefinition definition, string expected)
    {
        Assert.Equal(expected, CheckDefinitionValidator.Validate(definition));
    }

    [Fact]
    public void Validate_ValidDefinitions_ReturnNull()
    {
        Assert.Null(CheckDefinitionValidator.Validate(new CheckDefinition { HTTP = "http://x", Interval = "10s", Timeout = "1s" }));
        Assert.Null(CheckDefinitionValidator.Validate(new CheckDefinition { TTL = "30s", Status = "passing" }));
        Assert.Null(CheckDefinitionValidator.Validate(new CheckDefinition { AliasNode = "n1" }));
        Assert.Null(CheckDefinitionValidator.Validate(new CheckDefinition { H2PING = "x:1", Interval = "1s", FailuresBeforeCritical = 2 }));
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    [InlineData("ttl")]
    [InlineData("tcp")]
    [InlineData("udp")]
    [InlineData("alias")]
    [InlineData("docker")]
    [InlineData("script")]
    [InlineData("h2ping")]
    [InlineData("os_service")]
    public void TypeOf_SingleKind_ReturnsConsulTypeName(string type)
    {
        var definition = type switch
        {
            "grpc" => new CheckDefinition { GRPC = "x:1", Interval = "1s" },
            "http" => new CheckDefinition { HTTP = "http://x", Interval = "1s" },
            "ttl" => new CheckDefinition { TTL = "1s" },
            "tcp" => new CheckDefinition { TCP = "x:1", Interval = "1s" },
            "udp" => new CheckDefinition { UDP = "x:1", Interval = "1s" },
            "alias" => new CheckDefinition { AliasService = "web" },
            "docker" => new CheckDefinition { Args = ["true"], DockerContainerID = "c", Interval = "1s" },
            "script" => new CheckDefinition { Args = ["true"], Interval = "1s" },
            "h2ping" => new CheckDefinition { H2PING = "x:1", Interval = "1s" },
            _ => new CheckDefinition { OSService = "sshd", Interval = "1s" },
        };
        Assert.Equal(type, CheckDefinitionValidator.TypeOf(definition));
    }

    [Fact]
    public void TypeOf_HttpAndTcp_PrefersHttpAsConsul()
    {
        Assert.Equal("http", CheckDefinitionValidator.TypeOf(new CheckDefinition { HTTP = "http://x", TCP = "x:1", Interval = "1s" }));
    }

    [Fact]
    public void InitialStatus_Unset_IsCritical()
    {
        Assert.Equal(HealthStatus.Critical, CheckDefinitionValidator.InitialStatus(new CheckDefinition { TTL = "1s" }));
        Assert.Equal(HealthStatus.Passing, CheckDefinitionValidator.InitialStatus(new CheckDefinition { TTL = "1s", Status = "passing" }));
    }
}
