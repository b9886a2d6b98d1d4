using Microsoft.Extensions.Logging;
using Trellis.Agent.Local;
using Trellis.Agent.Members;
using Trellis.Agent.Metrics;
using Trellis.Core.Members;
using Trellis.Core.Rpc;

namespace Trellis.Agent;

/// <summary>
/// The local agent: its identity, the server interface it talks to (<see cref="Rpc"/>, in-process for a
/// server agent, remote for a client), its view of the members, its metrics and the leave request.
/// It holds no business logic of the servers and never references Server, Consensus or State.
/// </summary>
/// <remarks>All members are thread-safe. <see cref="RequestLeave"/> may be called from any thread, any number of times.</remarks>
public sealed class Agent : IDisposable
{
    private readonly CancellationTokenSource _leave = new();
    private readonly bool _ownsMetrics;

    public Agent(
        AgentIdentity identity,
        IServerRpc rpc,
        MetricsRegistry? metrics = null,
        bool bootstrap = false,
        LocalAgentOptions? localOptions = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(rpc);
        Identity = identity;
        Rpc = rpc;
        _ownsMetrics = metrics is null;
        Metrics = metrics ?? new MetricsRegistry();
        Metrics.AddRuntimeGauges();
        LocalMember = Trellis.Agent.Members.LocalMember.From(identity, bootstrap);
        Local = new LocalAgent(identity, rpc, localOptions, () => Members().Count, () => NodeMeta, logger);
    }

    /// <summary>The services and checks registered on this agent, their runners and anti-entropy.</summary>
    public LocalAgent Local { get; }

    /// <summary>
    /// Reloads the configuration (<c>/v1/agent/reload</c>, SIGHUP); set by the hosting process. Null when this agent
    /// has no configuration source to reload from.
    /// </summary>
    public Func<CancellationToken, Task>? ReloadHandler { get; set; }

    /// <summary>The user events this agent received (<c>/v1/event/*</c>).</summary>
    public Events.UserEventBuffer Events { get; } = new();

    /// <summary>The agent's log for <c>/v1/agent/monitor</c>; null when the host does not provide one.</summary>
    public Logging.ILogStream? LogStream { get; set; }

    public AgentIdentity Identity { get; }

    public string NodeName => Identity.NodeName;

    public string NodeId => Identity.NodeId;

    public string Datacenter => Identity.Datacenter;

    public bool IsServer => Identity.Server;

    /// <summary>The servers' interface (Trellis.Core.Rpc).</summary>
    public IServerRpc Rpc { get; }

    public MetricsRegistry Metrics { get; }

    /// <summary>This agent as a gossip member.</summary>
    public Member LocalMember { get; }

    /// <summary>Node metadata (<c>node_meta</c>); empty until configured.</summary>
    public IReadOnlyDictionary<string, string> NodeMeta { get; init; } = new Dictionary<string, string>();

    /// <summary>The LAN members this agent knows. Only itself until gossip lands.</summary>
    public IReadOnlyList<Member> Members() =>
        [IsLeaving ? LocalMember with { Status = MemberStatus.Leaving } : LocalMember];

    /// <summary>Cancelled once a graceful leave was requested (<c>/v1/agent/leave</c>, a signal).</summary>
    public CancellationToken LeaveRequested => _leave.Token;

    public bool IsLeaving => _leave.IsCancellationRequested;

    /// <summary>Asks the hosting process to leave the cluster and shut down gracefully.</summary>
    public void RequestLeave()
    {
        try
        {
            _leave.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already shut down: nothing left to leave.
        }
    }

    public void Dispose()
    {
        // The host disposes Local asynchronously first; this only covers agents built without a host (tests).
        _ = Local.DisposeAsync().AsTask();
        _leave.Dispose();
        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }
    }
}
