using Trellis.Http.Errors;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Trellis.Http.Json;

namespace Trellis.Http.Responses;

/// <summary>What an endpoint answers; the dispatcher writes it. Endpoints never write JSON themselves.</summary>
/// <remarks>Immutable; one instance per response.</remarks>
public abstract class ApiResult
{
    /// <summary>An empty body with status 200 (Consul's <c>return nil, nil</c>).</summary>
    public static readonly ApiResult Empty = new StatusResult(StatusCodes.Status200OK);

    /// <summary>An empty body with status 404 (a missing key or session).</summary>
    public static readonly ApiResult NotFound = new StatusResult(StatusCodes.Status404NotFound);

    public static ApiResult Json<T>(T value, int status = StatusCodes.Status200OK) => new JsonResult<T>(value, status);

    /// <summary>
    /// A 200 JSON body taken from <paramref name="cache"/> when a request with the same <paramref name="key"/> was
    /// already answered at <paramref name="index"/> (see <see cref="SerializedResultCache"/> for when that is valid).
    /// </summary>
    public static ApiResult CachedJson<T>(T value, SerializedResultCache cache, string key, ulong index) =>
        new CachedJsonResult<T>(value, cache, key, index);

    public static ApiResult Text(int status, string body) => new TextResult(status, body);

    public static ApiResult Bytes(byte[] body, string contentType, IReadOnlyDictionary<string, string>? headers = null) =>
        new BytesResult(body, contentType, headers);

    /// <summary>The endpoint wrote the whole response itself (streams).</summary>
    public static readonly ApiResult Written = new WrittenResult();

    internal abstract Task ExecuteAsync(HttpContext context, bool pretty);

    private sealed class StatusResult(int status) : ApiResult
    {
        internal override Task ExecuteAsync(HttpContext context, bool pretty)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
    }

    private sealed class WrittenResult : ApiResult
    {
        internal override Task ExecuteAsync(HttpContext context, bool pretty) => Task.CompletedTask;
    }

    private sealed class JsonResult<T>(T value, int status) : ApiResult
    {
        internal static byte[] Serialize(T value, bool pretty)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(value, JsonFormats.For<T>(pretty));
            if (pretty)
            {
                // Consul compat: indented output ends with a newline.
                Array.Resize(ref bytes, bytes.Length + 1);
                bytes[^1] = (byte)'\n';
            }

            return bytes;
        }

        internal static async Task WriteAsync(HttpContext context, int status, byte[] bytes)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }

        internal override Task ExecuteAsync(HttpContext context, bool pretty) => WriteAsync(context, status, Serialize(value, pretty));
    }

    private sealed class CachedJsonResult<T>(T value, SerializedResultCache cache, string key, ulong index) : ApiResult
    {
        internal override Task ExecuteAsync(HttpContext context, bool pretty) =>
            JsonResult<T>.WriteAsync(context, StatusCodes.Status200OK, cache.GetOrSerialize(key, index, pretty, value, JsonResult<T>.Serialize));
    }

    private sealed class TextResult(int status, string body) : ApiResult
    {
        internal override Task ExecuteAsync(HttpContext context, bool pretty) => ErrorWriter.WriteAsync(context, status, body);
    }

    private sealed class BytesResult(byte[] body, string contentType, IReadOnlyDictionary<string, string>? headers) : ApiResult
    {
        internal override async Task ExecuteAsync(HttpContext context, bool pretty)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
