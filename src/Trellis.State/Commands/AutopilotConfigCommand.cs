using Trellis.Core.Operator;

namespace Trellis.State.Commands;

/// <summary>
/// Writes the cluster's autopilot settings (Consul's AutopilotRequestType). With <see cref="Cas"/>, only when the stored
/// settings' ModifyIndex equals it — so a CAS never writes settings that do not exist yet, as in Consul. Applying it
/// yields a bool: whether it was written.
/// </summary>
public sealed record AutopilotConfigCommand(AutopilotConfiguration Configuration, ulong? Cas) : Command
{
    public override CommandType Type => CommandType.AutopilotConfig;
}
