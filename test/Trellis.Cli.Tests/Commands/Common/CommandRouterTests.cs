using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Common;

public sealed class CommandRouterTests
{
    [Fact]
    public async Task Run_NoArguments_PrintsVerbsAndExits127()
    {
        var run = await CliRun.RunAsync([]);
        Assert.Equal(127, run.ExitCode);
        Assert.Contains("Usage: trellis [--version] [--help] <command> [<args>]", run.Error);
        foreach (var verb in new[] { "agent", "kv", "members", "info", "version", "leave", "snapshot", "operator" })
        {
            Assert.Contains($"    {verb} ", run.Error);
        }
    }

    [Fact]
    public async Task Run_UnknownVerb_PrintsUsageAndExits127()
    {
        var run = await CliRun.RunAsync(["frobnicate"]);
        Assert.Equal(127, run.ExitCode);
        Assert.Contains("Available commands are:", run.Error);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("-version")]
    [InlineData("-v")]
    public async Task Run_VersionFlag_RunsVersion(string flag)
    {
        var run = await CliRun.RunAsync([flag]);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Trellis v", run.Out);
    }

    [Fact]
    public async Task Run_ParentVerbAlone_ListsSubcommandsAndExits1()
    {
        var run = await CliRun.RunAsync(["kv"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("    get ", run.Error);
        Assert.Contains("    import ", run.Error);
    }

    [Fact]
    public async Task Run_HelpFlagOnVerb_PrintsUsageAndExits0()
    {
        var run = await CliRun.RunAsync(["kv", "get", "-h"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage: trellis kv get", run.Error);
        Assert.Contains("-recurse", run.Error);
    }

    [Fact]
    public async Task Run_UnknownFlag_PrintsGoErrorAndUsageAndExits1()
    {
        var run = await CliRun.RunAsync(["members", "-nope"]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("flag provided but not defined: -nope", run.Error);
        Assert.Contains("Usage: trellis members", run.Error);
    }
}
