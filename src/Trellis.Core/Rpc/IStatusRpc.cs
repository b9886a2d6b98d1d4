namespace Trellis.Core.Rpc;

/// <summary>Cluster status (Consul's <c>Status.*</c> RPCs).</summary>
public interface IStatusRpc
{
    /// <summary>The leader's Raft address as "host:port", or empty when there is none.</summary>
    Task<string> LeaderAsync(CancellationToken cancellationToken);

    /// <summary>The Raft addresses of the voting peers.</summary>
    Task<IReadOnlyList<string>> PeersAsync(CancellationToken cancellationToken);
}
