using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Trellis.Core.Queries;

namespace Trellis.Api.Http;

/// <summary>
/// Builds Consul-style requests (query options, token header, datacenter) and maps non-2xx answers to
/// <see cref="ApiException"/>. Shared by every sub-client of one <see cref="TrellisClient"/>.
/// </summary>
/// <remarks>Thread-safe: holds only immutable state and a thread-safe <see cref="HttpClient"/>.</remarks>
internal sealed class ApiTransport
{
    private readonly HttpClient _http;
    private readonly ClientOptions _options;
    private readonly string? _token;

    public ApiTransport(HttpClient http, ClientOptions options)
    {
        _http = http;
        _options = options;
        _token = options.ResolveToken();
    }

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        IEnumerable<KeyValuePair<string, string?>>? query,
        QueryOptions? read,
        WriteOptions? write,
        HttpContent? content,
        CancellationToken cancellationToken,
        bool allowNotFound = false,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        HttpStatusCode? alsoAccept = null)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        var dc = read?.Datacenter ?? write?.Datacenter ?? _options.Datacenter;
        if (!string.IsNullOrEmpty(dc))
        {
            parameters.Add(new("dc", dc));
        }

        if (read is not null)
        {
            AddReadOptions(parameters, read);
        }

        if (query is not null)
        {
            parameters.AddRange(query);
        }

        using var request = new HttpRequestMessage(method, BuildUri(path, parameters)) { Content = content };
        var token = read?.Token ?? write?.Token ?? _token;
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.TryAddWithoutValidation("X-Consul-Token", token);
        }

        var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
            || response.StatusCode == alsoAccept)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ApiException(response.StatusCode, body.Trim());
        }
    }

    public async Task<QueryResult<T>> GetJsonAsync<T>(
        string path,
        IEnumerable<KeyValuePair<string, string?>>? query,
        QueryOptions? options,
        JsonTypeInfo<T> typeInfo,
        T whenNotFound,
        CancellationToken cancellationToken,
        bool notFoundIsEmpty = true,
        HttpStatusCode? alsoAccept = null)
    {
        using var response = await SendAsync(HttpMethod.Get, path, query, options ?? QueryOptions.Default, null, null,
            cancellationToken, allowNotFound: notFoundIsEmpty, alsoAccept: alsoAccept).ConfigureAwait(false);
        var meta = QueryMetaHeaders.Parse(response.Headers);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new QueryResult<T>(whenNotFound, meta);
        }

        var value = await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false);
        return new QueryResult<T>(value ?? whenNotFound, meta);
    }

    public async Task<T?> SendJsonAsync<T>(
        HttpMethod method,
        string path,
        IEnumerable<KeyValuePair<string, string?>>? query,
        HttpContent? content,
        WriteOptions? options,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, query, null, options, content, cancellationToken)
            .ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendNoBodyAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string?>>? query,
        HttpContent? content, WriteOptions? options, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, query, null, options, content, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Consul answers KV writes with a bare <c>true</c> or <c>false</c>.</summary>
    public async Task<bool> SendBoolAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string?>>? query,
        HttpContent? content, WriteOptions? options, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, query, null, options, content, cancellationToken)
            .ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body.Contains("true", StringComparison.Ordinal);
    }

    /// <summary>Escapes each segment of a key but keeps its slashes, as Consul's client does.</summary>
    internal static string EscapePath(string key) =>
        string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    private static void AddReadOptions(List<KeyValuePair<string, string?>> parameters, QueryOptions read)
    {
        switch (read.Consistency)
        {
            case ConsistencyMode.Stale:
                parameters.Add(new("stale", null));
                if (read.MaxStaleDuration > TimeSpan.Zero)
                {
                    parameters.Add(new("max_stale", Milliseconds(read.MaxStaleDuration)));
                }

                break;
            case ConsistencyMode.Consistent:
                parameters.Add(new("consistent", null));
                break;
        }

        if (read.MinQueryIndex > 0)
        {
            parameters.Add(new("index", read.MinQueryIndex.ToString(CultureInfo.InvariantCulture)));
        }

        if (read.MaxQueryTime > TimeSpan.Zero)
        {
            parameters.Add(new("wait", Milliseconds(read.MaxQueryTime)));
        }

        if (!string.IsNullOrEmpty(read.Filter))
        {
            parameters.Add(new("filter", read.Filter));
        }

        if (!string.IsNullOrEmpty(read.Near))
        {
            parameters.Add(new("near", read.Near));
        }

        foreach (var (key, value) in read.NodeMeta ?? new Dictionary<string, string>())
        {
            parameters.Add(new("node-meta", key + ":" + value));
        }
    }

    private static string Milliseconds(TimeSpan value) =>
        ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static Uri BuildUri(string path, List<KeyValuePair<string, string?>> parameters)
    {
        if (parameters.Count == 0)
        {
            return new Uri(path, UriKind.Relative);
        }

        var builder = new StringBuilder(path).Append('?');
        var first = true;
        foreach (var (key, value) in parameters)
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            builder.Append(Uri.EscapeDataString(key));
            if (value is not null)
            {
                builder.Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return new Uri(builder.ToString(), UriKind.Relative);
    }
}
