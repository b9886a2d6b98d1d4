using Trellis.Core.Errors;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;

namespace Trellis.Dns;

/// <summary>
/// Answers <c>&lt;query&gt;.query.consul</c> lookups from the servers' prepared queries
/// (<see cref="IPreparedQueryRpc.ExecuteAsync"/>): a query or template that does not match is NXDOMAIN (null); any
/// other failure propagates and the server answers SERVFAIL, as Consul does.
/// </summary>
/// <remarks>Thread-safe; holds no per-request state.</remarks>
public sealed class PreparedQueryRpcDns(IServerRpc rpc, string agentNode, bool allowStale) : IPreparedQueryDns
{
    public async Task<PreparedQueryDnsResult?> ExecuteAsync(string nameOrId, string datacenter, CancellationToken cancellationToken)
    {
        QueryResult<PreparedQueryExecuteResponse> result;
        try
        {
            result = await rpc.PreparedQuery.ExecuteAsync(new PreparedQueryExecuteRequest
            {
                QueryIdOrName = nameOrId,
                AgentNode = agentNode,
                Options = new QueryOptions { Consistency = allowStale ? ConsistencyMode.Stale : ConsistencyMode.Default },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
        }

        var response = result.Value;
        return new PreparedQueryDnsResult
        {
            Nodes = response.Nodes,
            Ttl = response.DNS?.TtlValue(),
            Datacenter = response.Datacenter,
        };
    }
}
