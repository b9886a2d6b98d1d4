using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Trellis.IntegrationTests.Infrastructure;

/// <summary>Raw HTTP helpers for Consul's API: send, read everything, return an <see cref="HttpReply"/>.</summary>
/// <remarks>Stateless extension methods; thread-safe as HttpClient is.</remarks>
public static class ConsulHttp
{
    public static Task<HttpReply> GetReplyAsync(this HttpClient http, string path, CancellationToken cancellationToken = default) =>
        http.SendRawAsync(HttpMethod.Get, path, null, cancellationToken);

    public static Task<HttpReply> PutReplyAsync(this HttpClient http, string path, string body, CancellationToken cancellationToken = default) =>
        http.SendRawAsync(HttpMethod.Put, path, new StringContent(body, Encoding.UTF8), cancellationToken);

    public static Task<HttpReply> PutBytesAsync(this HttpClient http, string path, byte[] body, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return http.SendRawAsync(HttpMethod.Put, path, content, cancellationToken);
    }

    public static Task<HttpReply> PutJsonAsync<T>(this HttpClient http, string path, T body, CancellationToken cancellationToken = default)
    {
        var content = new StringContent(JsonSerializer.Serialize(body, JsonOptions), Encoding.UTF8, "application/json");
        return http.SendRawAsync(HttpMethod.Put, path, content, cancellationToken);
    }

    public static Task<HttpReply> DeleteReplyAsync(this HttpClient http, string path, CancellationToken cancellationToken = default) =>
        http.SendRawAsync(HttpMethod.Delete, path, null, cancellationToken);

    public static async Task<HttpReply> SendRawAsync(
        this HttpClient http, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(",", values);
        }

        return new HttpReply(response.StatusCode, headers, bytes);
    }

    /// <summary>Reflection-based serialization is fine in tests: anonymous request bodies, PascalCase kept.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = null };
}
