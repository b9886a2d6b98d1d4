namespace Trellis.Api.Tests;

public sealed class ClientOptionsTests
{
    [Fact]
    public void FromEnvironment_Nothing_UsesConsulDefault()
    {
        var options = ClientOptions.FromEnvironment(_ => null);
        Assert.Equal("http://127.0.0.1:8500", options.Address);
        Assert.Null(options.ResolveToken());
    }

    [Fact]
    public void FromEnvironment_TrellisVariables_WinOverConsul()
    {
        var env = new Dictionary<string, string>
        {
            ["CONSUL_HTTP_ADDR"] = "c:1",
            ["TRELLIS_HTTP_ADDR"] = "t:2",
            ["CONSUL_HTTP_TOKEN"] = "ct",
            ["CONSUL_HTTP_SSL"] = "true",
        };
        var options = ClientOptions.FromEnvironment(name => env.GetValueOrDefault(name));
        Assert.Equal("t:2", options.Address);
        Assert.Equal("ct", options.ResolveToken());
        Assert.True(options.UseTls);
    }

    [Fact]
    public void ResolveToken_TokenFile_WinsAndIsTrimmed()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "  file-token\n");
            var options = new ClientOptions { Token = "flag-token", TokenFile = path };
            Assert.Equal("file-token", options.ResolveToken());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("127.0.0.1:8500", false, "http://127.0.0.1:8500/", null)]
    [InlineData("127.0.0.1:8501", true, "https://127.0.0.1:8501/", null)]
    [InlineData("https://agent.example:8501", false, "https://agent.example:8501/", null)]
    [InlineData("http://localhost:8500/ignored/path", false, "http://localhost:8500/", null)]
    [InlineData("unix:///var/run/trellis.sock", false, "http://localhost/", "/var/run/trellis.sock")]
    public void ParseAddress_Forms_GiveBaseAndSocket(string address, bool tls, string expectedBase, string? socket)
    {
        var (baseAddress, socketPath) = TrellisClient.ParseAddress(address, tls);
        Assert.Equal(expectedBase, baseAddress.ToString());
        Assert.Equal(socket, socketPath);
    }
}
