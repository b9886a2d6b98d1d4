using Trellis.Agent.Checks;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;

namespace Trellis.Agent.Local;

/// <summary>
/// What alias checks watch: this agent's <see cref="LocalState"/> for <c>alias_node</c> "" or the node itself, and a
/// blocking <c>Health.NodeChecks</c>/<c>Catalog.NodeServices</c> query for other nodes (Consul's behaviour).
/// </summary>
/// <remarks>Thread-safe: stateless over the thread-safe state and RPC.</remarks>
internal sealed class LocalAliasSource(LocalState state, IServerRpc rpc) : IAliasSource
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);

    public async Task<AliasChecks> WatchChecksAsync(string node, ulong minIndex, CancellationToken cancellationToken)
    {
        if (IsLocal(node))
        {
            var index = await state.WaitForChangeAsync(minIndex, Wait, cancellationToken).ConfigureAwait(false);
            return new AliasChecks(index, state.Checks());
        }

        var result = await rpc.Health.NodeChecksAsync(
            node, new QueryOptions { MinQueryIndex = minIndex, MaxQueryTime = Wait }, cancellationToken).ConfigureAwait(false);
        return new AliasChecks(result.Meta.Index, result.Value);
    }

    public async Task<bool> ServiceExistsAsync(string node, string serviceId, CancellationToken cancellationToken)
    {
        if (IsLocal(node))
        {
            return state.Service(serviceId) is not null;
        }

        var result = await rpc.Catalog.NodeServicesAsync(node, QueryOptions.Default, cancellationToken).ConfigureAwait(false);
        return result.Value?.Services.Any(s => s.ID == serviceId) == true;
    }

    private bool IsLocal(string node) => node.Length == 0 || node == state.NodeName;
}
