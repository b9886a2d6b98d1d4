using Trellis.Core.Operator;
using Trellis.State.Commands;

namespace Trellis.State.Tests;

public sealed class StateStoreAutopilotTests
{
    private static bool Set(StateStore store, ulong index, AutopilotConfiguration config, ulong? cas = null) =>
        (bool)store.Apply(new AutopilotConfigCommand(config, cas), index)!;

    [Fact]
    public void Set_WithoutCas_StoresWithIndexes_CasOnlyOverTheStoredModifyIndex()
    {
        var store = new StateStore();
        Assert.Null(store.Snapshot().AutopilotConfig);

        // Consul compat: a cas write never creates the settings.
        Assert.False(Set(store, 1, new AutopilotConfiguration(), cas: 0));
        Assert.Null(store.Snapshot().AutopilotConfig);

        Assert.True(Set(store, 2, new AutopilotConfiguration { MaxTrailingLogs = 10 }));
        Assert.Equal((10UL, 2UL, 2UL), (store.Snapshot().AutopilotConfig!.MaxTrailingLogs, store.Snapshot().AutopilotConfig!.CreateIndex, store.Snapshot().AutopilotConfig!.ModifyIndex));

        Assert.False(Set(store, 3, new AutopilotConfiguration { MaxTrailingLogs = 20 }, cas: 1));
        Assert.True(Set(store, 4, new AutopilotConfiguration { MaxTrailingLogs = 30 }, cas: 2));
        var stored = store.Snapshot().AutopilotConfig!;
        Assert.Equal((30UL, 2UL, 4UL), (stored.MaxTrailingLogs, stored.CreateIndex, stored.ModifyIndex));
    }

    [Fact]
    public void Serialize_AutopilotSettings_RoundTripAndOldStoresHaveNone()
    {
        var store = new StateStore();
        Set(store, 5, new AutopilotConfiguration { LastContactThreshold = "1s", RedundancyZoneTag = "zone", MinQuorum = 3 });
        using var buffer = new MemoryStream();
        StateStore.WriteTo(store.Snapshot(), buffer);

        var restored = new StateStore();
        buffer.Position = 0;
        restored.Restore(buffer);
        Assert.Equal(store.Snapshot().AutopilotConfig, restored.Snapshot().AutopilotConfig);

        var empty = new StateStore();
        using var none = new MemoryStream();
        StateStore.WriteTo(empty.Snapshot(), none);
        Assert.DoesNotContain("Autopilot", System.Text.Encoding.UTF8.GetString(none.ToArray()), StringComparison.Ordinal);
        none.Position = 0;
        restored.Restore(none);
        Assert.Null(restored.Snapshot().AutopilotConfig);
    }

    [Fact]
    public void Codec_AutopilotCommand_RoundTrips()
    {
        var command = new AutopilotConfigCommand(new AutopilotConfiguration { CleanupDeadServers = false, ServerStabilizationTime = "30s" }, 7);
        Assert.Equal(command, CommandCodec.Decode(CommandCodec.Encode(command)));
    }
}
