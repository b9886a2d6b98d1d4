using Trellis.Agent.Checks;
using Trellis.Core.Checks;
using Trellis.Core.Errors;

namespace Trellis.Agent.Tests.Checks;

public sealed class ScriptCheckRunnerTests
{
    [Theory]
    [InlineData("echo fine; exit 0", "passing", "fine\n")]
    [InlineData("echo degraded >&2; exit 1", "warning", "degraded\n")]
    [InlineData("echo broken; exit 2", "critical", "broken\n")]
    public async Task Start_ExitCode_MapsToNagiosStatus(string script, string status, string output)
    {
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory(scripts: true).Create(
            "s", new CheckDefinition { Args = ["/bin/sh", "-c", script], Interval = "1s" }, sink, CheckSource.Remote);
        runner.Start();
        var update = await sink.WaitForAsync(status);
        Assert.Equal(output, update.Output);
    }

    [Fact]
    public async Task Start_MarkerFileComesAndGoes_FlipsStatus()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"trellis-check-{Guid.NewGuid():N}");
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory(scripts: true).Create(
            "file", new CheckDefinition { Args = ["/bin/sh", "-c", $"test -f {marker} || exit 2"], Interval = "50ms" }, sink, CheckSource.Local);
        runner.Start();
        try
        {
            await sink.WaitForAsync(HealthStatus.Critical);
            await File.WriteAllTextAsync(marker, "");
            await sink.WaitForAsync(HealthStatus.Passing);
            var mark = sink.Count;
            File.Delete(marker);
            await sink.WaitForAsync(HealthStatus.Critical, from: mark);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task Start_ScriptHangs_KilledAndCriticalAtTimeout()
    {
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory(scripts: true).Create(
            "slow", new CheckDefinition { Args = ["/bin/sh", "-c", "echo started; sleep 30"], Interval = "1s", Timeout = "2s" }, sink, CheckSource.Remote);
        runner.Start();
        var update = await sink.WaitForAsync(HealthStatus.Critical);
        Assert.Equal("Timed out (2s) running check\n\nstarted\n", update.Output);
    }

    [Fact]
    public async Task Start_LongOutput_KeepsTailWithCapturedNote()
    {
        var sink = new RecordingSink();
        var definition = new CheckDefinition { Args = ["/bin/sh", "-c", "printf '0123456789ABCDEF'"], Interval = "1s", OutputMaxSize = 6 };
        await using var runner = CheckTestKit.Factory(scripts: true).Create("long", definition, sink, CheckSource.Remote);
        runner.Start();
        Assert.Equal("Captured 6 of 16 bytes\n...\nABCDEF", (await sink.WaitForAsync(HealthStatus.Passing)).Output);
    }

    [Fact]
    public void Create_ScriptsDisabled_RefusedWithConsulMessages()
    {
        var definition = new CheckDefinition { Args = ["/bin/true"], Interval = "10s" };
        var none = CheckTestKit.Factory();
        Assert.Equal(CheckRunnerFactory.ScriptsDisabledLocal,
            Assert.Throws<InvalidRequestException>(() => none.Create("s", definition, new RecordingSink(), CheckSource.Local)).Message);
        Assert.Equal(CheckRunnerFactory.ScriptsDisabledRemote,
            Assert.Throws<InvalidRequestException>(() => none.Create("s", definition, new RecordingSink(), CheckSource.Remote)).Message);

        var localOnly = new CheckRunnerFactory(new CheckRunnerOptions { EnableLocalScriptChecks = true });
        Assert.Equal("script", localOnly.Create("s", definition, new RecordingSink(), CheckSource.Local).Type);
        Assert.Throws<InvalidRequestException>(() => localOnly.Create("s", definition, new RecordingSink(), CheckSource.Remote));

        var all = new CheckRunnerFactory(new CheckRunnerOptions { EnableScriptChecks = true });
        Assert.Equal("script", all.Create("s", definition, new RecordingSink(), CheckSource.Remote).Type);
    }

    [Fact]
    public void Create_DockerOrOsService_RefusedClearly()
    {
        var factory = CheckTestKit.Factory(scripts: true);
        var docker = Assert.Throws<InvalidRequestException>(() => factory.Create(
            "d", new CheckDefinition { Args = ["true"], DockerContainerID = "abc", Interval = "10s" }, new RecordingSink(), CheckSource.Local));
        Assert.StartsWith("Docker checks are not supported by this agent", docker.Message, StringComparison.Ordinal);
        var os = Assert.Throws<InvalidRequestException>(() => factory.Create(
            "o", new CheckDefinition { OSService = "sshd", Interval = "10s" }, new RecordingSink(), CheckSource.Local));
        Assert.StartsWith("OS service checks are not supported by this agent", os.Message, StringComparison.Ordinal);
    }
}
