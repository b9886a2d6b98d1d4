using System.Text;
using Microsoft.AspNetCore.Http;

namespace Trellis.Http.Errors;

/// <summary>Writes Consul's plain-text error and message bodies.</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
internal static class ErrorWriter
{
    public static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
