using Trellis.Core.Catalog;

namespace Trellis.Core.Tests.Catalog;

public class MetadataValidatorTests
{
    [Fact]
    public void Validate_ConsulPrefix_RefusedUnlessAllowed()
    {
        var meta = new Dictionary<string, string> { ["consul-version"] = "1" };

        Assert.Equal("Key prefix 'consul-' is reserved for internal use", MetadataValidator.Validate(meta, allowConsulPrefix: false));
        Assert.Null(MetadataValidator.Validate(meta, allowConsulPrefix: true));
    }

    [Theory]
    [InlineData("", "v", "Key cannot be blank")]
    [InlineData("bad key", "v", "Key contains invalid characters")]
    public void Validate_BadKey_ConsulText(string key, string value, string expected) =>
        Assert.Equal(expected, MetadataValidator.Validate(new Dictionary<string, string> { [key] = value }, allowConsulPrefix: false));

    [Fact]
    public void Validate_Limits_ConsulTexts()
    {
        var tooMany = Enumerable.Range(0, 65).ToDictionary(i => "k" + i, _ => "v");
        Assert.Equal("Node metadata cannot contain more than 64 key/value pairs", MetadataValidator.Validate(tooMany, false));
        Assert.Null(MetadataValidator.Validate(tooMany.Take(64).ToDictionary(), false));
        Assert.Equal("Key is too long (limit: 128 characters)", MetadataValidator.Validate(new Dictionary<string, string> { [new string('k', 129)] = "v" }, false));
        Assert.Equal("Value is too long (limit: 512 characters)", MetadataValidator.Validate(new Dictionary<string, string> { ["k"] = new string('v', 513) }, false));
        Assert.Null(MetadataValidator.Validate(new Dictionary<string, string> { [new string('k', 128)] = new string('v', 512) }, false));
    }
}
