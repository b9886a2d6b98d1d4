using Trellis.Core.Operator;
using Trellis.Core.Queries;

namespace Trellis.Core.Rpc;

/// <summary>Operator views of the cluster (Consul's <c>Operator.*</c> RPCs).</summary>
public interface IOperatorRpc
{
    Task<RaftConfiguration> RaftConfigurationAsync(QueryOptions options, CancellationToken cancellationToken);
}
