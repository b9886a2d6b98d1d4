using Trellis.Consensus;
using Trellis.Core.Operator;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Server.Blocking;

namespace Trellis.Server.Operator;

/// <summary>Consul's <c>Operator.RaftGetConfiguration</c>: the Raft configuration as this server sees it.</summary>
/// <remarks>Thread-safe; stateless.</remarks>
public sealed class OperatorEndpoint : IOperatorRpc
{
    private readonly IRaftNode _raft;
    private readonly BlockingQueryRunner _queries;

    public OperatorEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options)
    {
        _ = options;
        _raft = raft;
        _queries = new BlockingQueryRunner(raft, time);
    }

    public async Task<RaftConfiguration> RaftConfigurationAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        await _queries.EnsureReadableAsync(options, cancellationToken).ConfigureAwait(false);
        return _raft.Configuration;
    }
}
