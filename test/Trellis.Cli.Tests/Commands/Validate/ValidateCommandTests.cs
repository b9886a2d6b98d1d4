using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Validate;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trellis-cli-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Run_ValidFileAndDirectory_PrintsValid()
    {
        var file = Path.Combine(_dir, "a.hcl");
        File.WriteAllText(file, "datacenter = \"east\"\nserver = true\n");
        var sub = Directory.CreateDirectory(Path.Combine(_dir, "d")).FullName;
        File.WriteAllText(Path.Combine(sub, "b.json"), """{"node_name":"n1","ports":{"http":8600}}""");
        var run = await CliRun.RunAsync(["validate", file, sub]);
        Assert.Equal((0, "Configuration is valid!\n", ""), (run.ExitCode, run.Out, run.Error));
    }

    [Fact]
    public async Task Run_Quiet_PrintsNothing()
    {
        var file = Path.Combine(_dir, "a.hcl");
        File.WriteAllText(file, "server = true\n");
        var run = await CliRun.RunAsync(["validate", "-quiet", file]);
        Assert.Equal((0, ""), (run.ExitCode, run.Out));
    }

    [Fact]
    public async Task Run_UnknownKey_FailsWithValidationMessage()
    {
        var file = Path.Combine(_dir, "bad.hcl");
        File.WriteAllText(file, "no_such_key = 1\n");
        var run = await CliRun.RunAsync(["validate", file]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Config validation failed: ", run.Error);
        Assert.Contains("no_such_key", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SyntaxError_FailsNamingFile()
    {
        var file = Path.Combine(_dir, "broken.json");
        File.WriteAllText(file, "{\"server\": tru");
        var run = await CliRun.RunAsync(["validate", file]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Config validation failed: ", run.Error);
        Assert.Contains("broken.json", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BootstrapWithoutServer_FailsRule()
    {
        var file = Path.Combine(_dir, "rule.hcl");
        File.WriteAllText(file, "bootstrap = true\n");
        var run = await CliRun.RunAsync(["validate", file]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Config validation failed: 'bootstrap = true' requires 'server = true'\n", run.Error);
    }

    [Fact]
    public async Task Run_NoArguments_FailsWithConsulMessage()
    {
        var run = await CliRun.RunAsync(["validate"]);
        Assert.Equal((1, "Must specify at least one config file or directory\n"), (run.ExitCode, run.Error));
    }
}
