using System.Net;

namespace Trellis.Api;

/// <summary>
/// The agent answered with a status other than 2xx. <see cref="Exception.Message"/> is worded as Consul's api
/// client words it: <c>Unexpected response code: 404 (body)</c>.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(HttpStatusCode statusCode, string body)
        : base(FormatMessage(statusCode, body))
    {
        StatusCode = statusCode;
        Body = body;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body, trimmed.</summary>
    public string Body { get; }

    private static string FormatMessage(HttpStatusCode statusCode, string body) =>
        $"Unexpected response code: {(int)statusCode} ({body})";
}
