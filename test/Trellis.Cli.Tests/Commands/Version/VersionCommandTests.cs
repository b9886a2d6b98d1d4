using System.Text.Json;
using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Version;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Run_Pretty_KeepsConsulShape()
    {
        var run = await CliRun.RunAsync(["version"]);
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^Trellis v\d+\.\d+\.\d+", lines[0]);
        Assert.Equal("Consul API compatibility: 1.20.2", lines[1]);
        Assert.Equal(
            "Protocol 2 spoken by default, understands 2 to 3 (agent will automatically use protocol >2 when speaking to compatible agents)",
            lines[^1]);
    }

    [Fact]
    public async Task Run_Json_HasConsulFields()
    {
        var run = await CliRun.RunAsync(["version", "-format=json"]);
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("RPC").GetProperty("Default").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("Version").GetString()));
    }

    [Fact]
    public async Task Run_UnknownFormat_Fails()
    {
        var run = await CliRun.RunAsync(["version", "-format=xml"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Unknown format: xml\n", run.Error);
    }
}
