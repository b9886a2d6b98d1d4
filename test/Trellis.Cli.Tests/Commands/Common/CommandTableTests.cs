using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Common;

public sealed class CommandTableTests
{
    [Fact]
    public async Task Run_NoArguments_ListsAgentLocalAndCatalogVerbs()
    {
        var run = await CliRun.RunAsync([]);
        foreach (var verb in new[] { "catalog", "maint", "reload", "services", "validate", "watch" })
        {
            Assert.Contains($"\n    {verb} ", run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("catalog", new[] { "datacenters", "nodes", "services" })]
    [InlineData("services", new[] { "deregister", "register" })]
    public async Task Run_Parent_ListsItsSubcommandsAndExits1(string parent, string[] children)
    {
        var run = await CliRun.RunAsync([parent]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Usage: trellis {parent} <subcommand>", run.Error);
        foreach (var child in children)
        {
            Assert.Contains($"\n    {child} ", run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("catalog", "nodes")]
    [InlineData("services", "register")]
    [InlineData("maint")]
    [InlineData("validate")]
    [InlineData("watch")]
    [InlineData("reload")]
    public async Task Run_HelpFlag_PrintsUsageAndExits0(params string[] verb)
    {
        var run = await CliRun.RunAsync([.. verb, "-help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Usage: trellis {string.Join(' ', verb)}", run.Error);
    }
}
