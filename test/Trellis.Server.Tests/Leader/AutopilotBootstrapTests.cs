using Trellis.Core.Operator;
using Trellis.Server.Tests.Testing;
using Trellis.State.Commands;

namespace Trellis.Server.Tests.Leader;

public sealed class AutopilotBootstrapTests
{
    private static readonly AutopilotConfiguration Configured = new() { MaxTrailingLogs = 99, LastContactThreshold = "1s" };

    [Fact]
    public async Task Leadership_NoSettingsStored_WritesTheConfiguredOnesOnce()
    {
        await using var f = new ServerFixture(new ServerOptions { InitializeAutopilot = true, Autopilot = Configured });

        Assert.True(await ServerFixture.EventuallyAsync(() => f.Raft.Store.Snapshot().AutopilotConfig is not null));
        var stored = f.Raft.Store.Snapshot().AutopilotConfig!;
        Assert.Equal((99UL, "1s"), (stored.MaxTrailingLogs, stored.LastContactThreshold));
        Assert.True(stored.ModifyIndex > 0);
        Assert.Single(f.Raft.Applied.OfType<AutopilotConfigCommand>());

        var read = await f.Rpc.Operator.AutopilotConfigurationAsync(Core.Queries.QueryOptions.Default, default);
        Assert.Equal(stored, read);
    }

    [Fact]
    public async Task Leadership_Disabled_WritesNothingAndReadsGiveTheConfiguredSettings()
    {
        await using var f = new ServerFixture(new ServerOptions { InitializeAutopilot = false, Autopilot = Configured });

        await Task.Delay(200);

        Assert.Empty(f.Raft.Applied.OfType<AutopilotConfigCommand>());
        var read = await f.Rpc.Operator.AutopilotConfigurationAsync(Core.Queries.QueryOptions.Default, default);
        Assert.Equal((99UL, 0UL), (read.MaxTrailingLogs, read.ModifyIndex));
    }

    [Fact]
    public async Task SetAutopilotConfiguration_BadDuration_RefusedWithConsulText_AndNothingProposed()
    {
        await using var f = new ServerFixture(new ServerOptions());

        var ex = await Assert.ThrowsAsync<Core.Errors.InvalidRequestException>(() =>
            f.Rpc.Operator.SetAutopilotConfigurationAsync(new AutopilotConfiguration { ServerStabilizationTime = "forever" }, null, default));

        Assert.Equal("Error parsing autopilot config: time: invalid duration \"forever\"", ex.Message);
        Assert.Empty(f.Raft.Applied.OfType<AutopilotConfigCommand>());
    }
}
