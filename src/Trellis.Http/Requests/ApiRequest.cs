using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Trellis.Core.Errors;
using Trellis.Core.Queries;

namespace Trellis.Http.Requests;

/// <summary>
/// One HTTP request as an endpoint sees it: the raw path suffix, query parameters (Go semantics: a flag is
/// present even without a value), the parsed <see cref="QueryOptions"/> and the body readers with limits.
/// </summary>
/// <remarks>Belongs to one request; not shared between threads.</remarks>
public sealed class ApiRequest
{
    private readonly string _datacenter;
    private QueryOptions? _options;

    public ApiRequest(HttpContext context, string datacenter)
    {
        Context = context;
        _datacenter = datacenter;
    }

    public HttpContext Context { get; }

    public CancellationToken Aborted => Context.RequestAborted;

    public string Method => Context.Request.Method;

    /// <summary>Whether the query string has <paramref name="name"/>, with or without a value.</summary>
    public bool Has(string name) => Context.Request.Query.ContainsKey(name);

    /// <summary>The first value of <paramref name="name"/>, or "" (Go's <c>Query().Get</c>).</summary>
    public string Get(string name) => Context.Request.Query.TryGetValue(name, out var values) ? values.FirstOrDefault() ?? "" : "";

    /// <summary>The decoded request path after <paramref name="prefix"/>, taken from the raw target so "%2F" stays a slash in keys.</summary>
    public string PathAfter(string prefix)
    {
        var raw = Context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? Context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            raw = raw[..query];
        }

        string path;
        try
        {
            path = Uri.UnescapeDataString(raw);
        }
        catch (UriFormatException)
        {
            path = Context.Request.Path.Value ?? "";
        }

        return path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : "";
    }

    /// <summary>Blocking, consistency, datacenter and token options, parsed once (400 with Consul's texts when invalid).</summary>
    public QueryOptions Options => _options ??= QueryOptionsParser.Parse(this, _datacenter);

    /// <summary>The caller's token: <c>?token</c>, else <c>X-Consul-Token</c>, else <c>Authorization: Bearer</c>.</summary>
    public string? Token => QueryOptionsParser.ParseToken(this);

    /// <summary>Rejects a <c>?dc</c> other than ours (no WAN federation yet).</summary>
    public void CheckDatacenter() => QueryOptionsParser.CheckDatacenter(this, _datacenter);

    /// <summary>
    /// Reads the whole body, refusing more than <paramref name="limit"/> bytes by calling
    /// <paramref name="tooLarge"/> with the size seen (the Content-Length, or the bytes read so far).
    /// </summary>
    public async Task<byte[]> ReadBodyAsync(long limit, Func<long, Exception> tooLarge)
    {
        var declared = Context.Request.ContentLength;
        if (declared > limit)
        {
            throw tooLarge(declared.Value);
        }

        using var buffer = new MemoryStream(declared is > 0 and < int.MaxValue ? (int)declared.Value : 256);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await Context.Request.Body.ReadAsync(chunk, Aborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw tooLarge(buffer.Length);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes a JSON body; a malformed one is a 400 "Request decode failed: ...".</summary>
    /// <param name="lenient">Treat no field as required (Consul fills defaults for what our records require).</param>
    public static T Decode<T>(ReadOnlySpan<byte> body, string failurePrefix = "Request decode failed: ", bool lenient = false)
    {
        try
        {
            var typeInfo = lenient
                ? (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Json.JsonFormats.Lenient.GetTypeInfo(typeof(T))
                : Json.JsonFormats.For<T>(pretty: false);
            var value = JsonSerializer.Deserialize(body, typeInfo);
            return value ?? throw new InvalidRequestException(failurePrefix + "body is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException(failurePrefix + ex.Message, ex);
        }
    }
}
