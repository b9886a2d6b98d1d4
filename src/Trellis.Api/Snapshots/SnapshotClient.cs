using System.Net.Http.Headers;
using Trellis.Api.Http;
using Trellis.Core.Queries;

namespace Trellis.Api.Snapshots;

/// <summary><c>/v1/snapshot</c>: saves and restores the servers' state as a snapshot archive.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Snapshot"/>.</remarks>
public sealed class SnapshotClient
{
    private readonly ApiTransport _transport;

    internal SnapshotClient(ApiTransport transport) => _transport = transport;

    /// <summary>Streams a snapshot into <paramref name="destination"/>; the meta's index is the snapshot's index.</summary>
    public async Task<QueryMeta> SaveAsync(Stream destination, QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(HttpMethod.Get, "/v1/snapshot", null,
            options ?? QueryOptions.Default, null, null, cancellationToken,
            completion: HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var meta = QueryMetaHeaders.Parse(response.Headers);
        await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        return meta;
    }

    /// <summary>Replaces the servers' state with the snapshot archive read from <paramref name="source"/>.</summary>
    public async Task RestoreAsync(Stream source, WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(source);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await _transport.SendNoBodyAsync(HttpMethod.Put, "/v1/snapshot", null, content, options, cancellationToken)
            .ConfigureAwait(false);
    }
}
