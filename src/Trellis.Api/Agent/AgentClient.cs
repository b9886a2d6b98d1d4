using System.Net.Http.Json;
using System.Text.Json;
using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Members;

namespace Trellis.Api.Agent;

/// <summary><c>/v1/agent</c>: the local agent's self-description, members, metrics and leave.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Agent"/>. Returned documents must be disposed by the caller.</remarks>
public sealed partial class AgentClient
{
    private readonly ApiTransport _transport;

    internal AgentClient(ApiTransport transport) => _transport = transport;

    /// <summary><c>/v1/agent/self</c> as a document (Config, Member, Stats, ...).</summary>
    public Task<JsonDocument> SelfAsync(CancellationToken cancellationToken = default) =>
        GetDocumentAsync("/v1/agent/self", cancellationToken);

    /// <summary><c>/v1/agent/metrics</c> in Consul's JSON shape.</summary>
    public Task<JsonDocument> MetricsAsync(CancellationToken cancellationToken = default) =>
        GetDocumentAsync("/v1/agent/metrics", cancellationToken);

    /// <summary>LAN members, or WAN members (servers only) when <paramref name="wan"/> is set.</summary>
    public async Task<IReadOnlyList<Member>> MembersAsync(bool wan = false, string? segment = null,
        string? filter = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (wan)
        {
            query.Add(new("wan", "1"));
        }

        if (!string.IsNullOrEmpty(segment))
        {
            query.Add(new("segment", segment));
        }

        if (!string.IsNullOrEmpty(filter))
        {
            query.Add(new("filter", filter));
        }

        using var response = await _transport.SendAsync(HttpMethod.Get, "/v1/agent/members", query, null, null, null,
            cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ListMember, cancellationToken)
                   .ConfigureAwait(false)
               ?? [];
    }

    /// <summary>Asks the agent to leave the cluster gracefully and shut down.</summary>
    public Task LeaveAsync(CancellationToken cancellationToken = default) =>
        _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/agent/leave", null, null, null, cancellationToken);

    private async Task<JsonDocument> GetDocumentAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _transport.SendAsync(HttpMethod.Get, path, null, null, null, null, cancellationToken)
            .ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
    }
}
