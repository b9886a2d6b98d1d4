using Trellis.Cli.Commands.Catalog;
using Trellis.Cli.Commands.Info;
using Trellis.Cli.Commands.Kv;
using Trellis.Cli.Commands.Leave;
using Trellis.Cli.Commands.Lock;
using Trellis.Cli.Commands.Maint;
using Trellis.Cli.Commands.Members;
using Trellis.Cli.Commands.Operator;
using Trellis.Cli.Commands.Reload;
using Trellis.Cli.Commands.Services;
using Trellis.Cli.Commands.Snapshot;
using Trellis.Cli.Commands.Validate;
using Trellis.Cli.Commands.Version;
using Trellis.Cli.Commands.Watch;

namespace Trellis.Cli.Commands.Common;

/// <summary>Every verb of the <c>trellis</c> binary in one place, like Consul's command registry.</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class CommandTable
{
    public static CommandRouter CreateRouter()
    {
        var commands = new List<CommandSpec>();
        var router = new CommandRouter("trellis", commands);
        CommandSpec Parent(string name, string synopsis) => new(name, synopsis, (_, io, _) =>
        {
            io.Error.WriteLine(router.Help(name));
            return Task.FromResult(1);
        });

        commands.AddRange(
        [
            new("agent", Agent.AgentCommand.Synopsis, (args, io, ct) =>
                Agent.AgentCommand.RunAsync(args, io.Out, io.Error, ct)),
            Parent("kv", "Interact with the key-value store"),
            new("kv get", KvGetCommand.Synopsis, KvGetCommand.RunAsync),
            new("kv put", KvPutCommand.Synopsis, KvPutCommand.RunAsync),
            new("kv delete", KvDeleteCommand.Synopsis, KvDeleteCommand.RunAsync),
            new("kv export", KvExportCommand.Synopsis, KvExportCommand.RunAsync),
            new("kv import", KvImportCommand.Synopsis, KvImportCommand.RunAsync),
            new("event", Event.EventCommand.Synopsis, Event.EventCommand.RunAsync),
            new("members", MembersCommand.Synopsis, MembersCommand.RunAsync),
            new("monitor", Monitor.MonitorCommand.Synopsis, Monitor.MonitorCommand.RunAsync),
            new("info", InfoCommand.Synopsis, InfoCommand.RunAsync),
            new("version", VersionCommand.Synopsis, VersionCommand.RunAsync),
            new("leave", LeaveCommand.Synopsis, LeaveCommand.RunAsync),
            new("lock", LockCommand.Synopsis, LockCommand.RunAsync),
            Parent("snapshot", "Saves, restores and inspects snapshots of server state"),
            new("snapshot save", SnapshotSaveCommand.Synopsis, SnapshotSaveCommand.RunAsync),
            new("snapshot restore", SnapshotRestoreCommand.Synopsis, SnapshotRestoreCommand.RunAsync),
            new("snapshot inspect", SnapshotInspectCommand.Synopsis, SnapshotInspectCommand.RunAsync),
            Parent("operator", "Provides cluster-level tools for operators"),
            Parent("operator raft", "Provides cluster-level tools for Raft"),
            new("operator raft list-peers", RaftListPeersCommand.Synopsis, RaftListPeersCommand.RunAsync),
            Parent("operator autopilot", "Provides tools for modifying Autopilot configuration"),
            new("operator autopilot get-config", AutopilotGetConfigCommand.Synopsis, AutopilotGetConfigCommand.RunAsync),
            new("operator autopilot set-config", AutopilotSetConfigCommand.Synopsis, AutopilotSetConfigCommand.RunAsync),
            new("operator autopilot state", AutopilotStateCommand.Synopsis, AutopilotStateCommand.RunAsync),
            Parent("catalog", "Interact with the catalog"),
            new("catalog datacenters", CatalogDatacentersCommand.Synopsis, CatalogDatacentersCommand.RunAsync),
            new("catalog nodes", CatalogNodesCommand.Synopsis, CatalogNodesCommand.RunAsync),
            new("catalog services", CatalogServicesCommand.Synopsis, CatalogServicesCommand.RunAsync),
            Parent("services", "Interact with services"),
            new("services register", ServicesRegisterCommand.Synopsis, ServicesRegisterCommand.RunAsync),
            new("services deregister", ServicesDeregisterCommand.Synopsis, ServicesDeregisterCommand.RunAsync),
            new("maint", MaintCommand.Synopsis, MaintCommand.RunAsync),
            new("reload", ReloadCommand.Synopsis, ReloadCommand.RunAsync),
            new("validate", ValidateCommand.Synopsis, ValidateCommand.RunAsync),
            new("watch", WatchCommand.Synopsis, WatchCommand.RunAsync),
        ]);
        return router;
    }
}
