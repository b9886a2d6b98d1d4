using Trellis.Core.Operator;

namespace Trellis.State.Tables;

/// <summary>The autopilot settings: one record, written whole (Consul's autopilot-config table).</summary>
internal sealed partial class StoreWriter
{
    public const string AutopilotTable = "autopilot-config";

    public AutopilotConfiguration? AutopilotConfig { get; private set; }

    /// <summary>Stores <paramref name="configuration"/> unless <paramref name="cas"/> differs from the stored ModifyIndex (or nothing is stored).</summary>
    public bool AutopilotSet(AutopilotConfiguration configuration, ulong? cas)
    {
        var existing = AutopilotConfig;
        if (cas is { } expected && (existing is null || existing.ModifyIndex != expected))
        {
            return false;
        }

        AutopilotConfig = configuration with { CreateIndex = existing?.CreateIndex ?? Index, ModifyIndex = Index };
        Changes.Tables.Add(AutopilotTable);
        return true;
    }
}
