using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Queries;

namespace Trellis.Api.Status;

/// <summary><c>/v1/status</c>: the Raft leader and peers.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Status"/>.</remarks>
public sealed class StatusClient
{
    private readonly ApiTransport _transport;

    internal StatusClient(ApiTransport transport) => _transport = transport;

    /// <summary>The leader's Raft address ("10.0.0.1:8300"), or "" when there is none.</summary>
    public async Task<string> LeaderAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/status/leader", null, options, ApiJsonContext.Default.String, "",
            cancellationToken).ConfigureAwait(false);
        return result.Value;
    }

    /// <summary>The Raft addresses of the voting peers.</summary>
    public async Task<IReadOnlyList<string>> PeersAsync(QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync("/v1/status/peers", null, options, ApiJsonContext.Default.ListString,
            [], cancellationToken).ConfigureAwait(false);
        return result.Value;
    }
}
