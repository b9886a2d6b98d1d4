using System.Globalization;
using System.Net.Http.Headers;
using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Kv;
using Trellis.Core.Queries;

namespace Trellis.Api.Kv;

/// <summary><c>/v1/kv</c>: reads (blocking-capable) and writes of key/value entries.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Kv"/>.</remarks>
public sealed class KvClient
{
    private readonly ApiTransport _transport;

    internal KvClient(ApiTransport transport) => _transport = transport;

    /// <summary>One entry, or a null value when the key does not exist (404).</summary>
    public async Task<QueryResult<KvEntry?>> GetAsync(string key, QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync(Path(key), null, options, ApiJsonContext.Default.ListKvEntry, [],
            cancellationToken).ConfigureAwait(false);
        return new QueryResult<KvEntry?>(result.Value.Count > 0 ? result.Value[0] : null, result.Meta);
    }

    /// <summary>Every entry under <paramref name="prefix"/> (<c>?recurse</c>); empty when none exist.</summary>
    public async Task<QueryResult<IReadOnlyList<KvEntry>>> ListAsync(string prefix, QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.GetJsonAsync(Path(prefix), [new("recurse", null)], options,
            ApiJsonContext.Default.ListKvEntry, [], cancellationToken).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<KvEntry>>(result.Value, result.Meta);
    }

    /// <summary>Key names under <paramref name="prefix"/> (<c>?keys</c>), rolled up at <paramref name="separator"/> if given.</summary>
    public async Task<QueryResult<IReadOnlyList<string>>> KeysAsync(string prefix, string? separator = null,
        QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string?>> { new("keys", null) };
        if (!string.IsNullOrEmpty(separator))
        {
            query.Add(new("separator", separator));
        }

        var result = await _transport.GetJsonAsync(Path(prefix), query, options, ApiJsonContext.Default.ListString, [],
            cancellationToken).ConfigureAwait(false);
        return new QueryResult<IReadOnlyList<string>>(result.Value, result.Meta);
    }

    /// <summary>Writes <paramref name="entry"/>'s value and flags; true when written.</summary>
    public Task<bool> PutAsync(KvEntry entry, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(entry, null, options, cancellationToken);

    /// <summary>Check-and-set on <see cref="KvEntry.ModifyIndex"/> (0 = only if absent); false when the index moved.</summary>
    public Task<bool> CasAsync(KvEntry entry, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(entry, new("cas", Number(entry.ModifyIndex)), options, cancellationToken);

    /// <summary>Takes the lock on the key for <see cref="KvEntry.Session"/>; false when another session holds it.</summary>
    public Task<bool> AcquireAsync(KvEntry entry, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(entry, new("acquire", RequireSession(entry)), options, cancellationToken);

    /// <summary>Releases the lock <see cref="KvEntry.Session"/> holds; false when it does not hold it.</summary>
    public Task<bool> ReleaseAsync(KvEntry entry, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(entry, new("release", RequireSession(entry)), options, cancellationToken);

    /// <summary>Deletes one key (no error if absent).</summary>
    public Task<bool> DeleteAsync(string key, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendBoolAsync(HttpMethod.Delete, Path(key), null, null, options, cancellationToken);

    /// <summary>Deletes the key only if its ModifyIndex is still <paramref name="modifyIndex"/>.</summary>
    public Task<bool> DeleteCasAsync(string key, ulong modifyIndex, WriteOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.SendBoolAsync(HttpMethod.Delete, Path(key), [new("cas", Number(modifyIndex))], null, options,
            cancellationToken);

    /// <summary>Deletes every key under <paramref name="prefix"/>.</summary>
    public Task<bool> DeleteTreeAsync(string prefix, WriteOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.SendBoolAsync(HttpMethod.Delete, Path(prefix), [new("recurse", null)], null, options,
            cancellationToken);

    private Task<bool> WriteAsync(KvEntry entry, KeyValuePair<string, string?>? mode, WriteOptions? options,
        CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (entry.Flags != 0)
        {
            query.Add(new("flags", Number(entry.Flags)));
        }

        if (mode is { } m)
        {
            query.Add(m);
        }

        var content = new ByteArrayContent(entry.Value ?? []);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return _transport.SendBoolAsync(HttpMethod.Put, Path(entry.Key), query, content, options, cancellationToken);
    }

    private static string RequireSession(KvEntry entry) =>
        string.IsNullOrEmpty(entry.Session)
            ? throw new ArgumentException("A session is required to acquire or release a lock.", nameof(entry))
            : entry.Session;

    private static string Path(string key) => "/v1/kv/" + ApiTransport.EscapePath(key.TrimStart('/'));

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
