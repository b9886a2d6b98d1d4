using Trellis.Consensus;
using Trellis.State.Commands;

namespace Trellis.Server.Leader;

/// <summary>
/// When this server gains leadership and the cluster has no autopilot settings yet, writes the agent's
/// <c>autopilot</c> block (Consul's leader does the same at start), retrying until it is stored or leadership ends.
/// Settings already stored — by an earlier leader or an operator — are left alone.
/// </summary>
/// <remarks>Thread-safe: started from the leadership callback; the attempt runs on the thread pool.</remarks>
public sealed class AutopilotBootstrap
{
    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;
    private readonly ServerOptions _options;

    public AutopilotBootstrap(IRaftNode raft, TimeProvider time, ServerOptions options)
    {
        _raft = raft;
        _time = time;
        _options = options;
    }

    /// <summary>Starts for one term of leadership.</summary>
    public void Start(CancellationToken leadership)
    {
        if (_options.InitializeAutopilot)
        {
            _ = Task.Run(() => LeaderRetry.RunAsync(WriteIfMissingAsync, _time, leadership), CancellationToken.None);
        }
    }

    private async Task<bool> WriteIfMissingAsync(CancellationToken leadership)
    {
        if (_raft.Store.Snapshot().AutopilotConfig is not null)
        {
            return true;
        }

        // cas 0 would refuse to create; a plain write of the configured defaults, as Consul's leader does.
        await _raft.ApplyAsync(new AutopilotConfigCommand(_options.Autopilot with { CreateIndex = 0, ModifyIndex = 0 }, null), leadership)
            .ConfigureAwait(false);
        return true;
    }
}
