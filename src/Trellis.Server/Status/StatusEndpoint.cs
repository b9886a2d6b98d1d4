using Trellis.Consensus;
using Trellis.Core.Rpc;

namespace Trellis.Server.Status;

/// <summary>Consul's <c>Status.Leader</c> and <c>Status.Peers</c>, answered from this server's Raft view.</summary>
/// <remarks>Thread-safe; stateless.</remarks>
public sealed class StatusEndpoint : IStatusRpc
{
    private readonly IRaftNode _raft;

    public StatusEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options)
    {
        _ = time;
        _ = options;
        _raft = raft;
    }

    public Task<string> LeaderAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_raft.LeaderAddress ?? "");
    }

    public Task<IReadOnlyList<string>> PeersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> peers = _raft.Configuration.Servers.Where(s => s.Voter).Select(s => s.Address).ToList();
        return Task.FromResult(peers);
    }
}
