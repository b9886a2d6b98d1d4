using Trellis.TestKit;

namespace Trellis.CompatTests;

/// <summary>The compat suite's prerequisites: node is runnable and the pinned client is installed (fails loudly, never skips).</summary>
public sealed class NodeToolchainTests
{
    [Fact]
    public async Task Node_IsInstalled_AndLoadsPinnedConsulClient()
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(
                "node",
                ["-e", "process.stdout.write(require('consul/package.json').version)"],
                TimeSpan.FromSeconds(30),
                NodeConsulFixture.ScriptDir);
        }
        catch (InvalidOperationException ex)
        {
            Assert.Fail($"node is not installed or not on PATH ({ex.Message}); the compat tests need node 20+ and npm");
            return;
        }

        Assert.True(result.ExitCode == 0, $"cannot load the npm package 'consul'; run scripts/install-test-deps.sh{Environment.NewLine}{result}");
        Assert.Equal("2.0.1", result.StdOut.Trim());
    }
}
