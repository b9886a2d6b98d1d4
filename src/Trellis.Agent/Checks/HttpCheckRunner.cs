using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Trellis.Core.Checks;

namespace Trellis.Agent.Checks;

/// <summary>
/// <c>http</c>: sends <c>method</c> (default GET) with <c>header</c> and <c>body</c> to the URL; 2xx is passing, 429
/// warning, anything else or an error critical. Output: "HTTP GET url: 200 OK Output: body", the body cut to its
/// last <c>output_max_size</c> bytes. Redirects are followed (at most 10, as Go's client) unless
/// <c>disable_redirects</c>; no keep-alive between runs.
/// </summary>
/// <remarks>See <see cref="IntervalCheckRunner"/>. Owns one <see cref="HttpClient"/>, disposed on stop.</remarks>
internal sealed class HttpCheckRunner : IntervalCheckRunner
{
    private const string UserAgent = "Consul Health Check";
    private readonly CheckDefinition definition;
    private readonly int outputMaxSize;
    private readonly HttpClient client;
    private readonly string method;

    public HttpCheckRunner(
        string checkId, CheckDefinition definition, TimeSpan interval, TimeSpan timeout, int outputMaxSize, ICheckStatusSink sink, bool stagger)
        : base(checkId, "http", interval, timeout, sink, stagger)
    {
        this.definition = definition;
        this.outputMaxSize = outputMaxSize;
        method = string.IsNullOrEmpty(definition.Method) ? "GET" : definition.Method;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = !definition.DisableRedirects,
            MaxAutomaticRedirections = 10,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = timeout,
            // Consul compat: keep-alive is off so that a connection kept from a previous run cannot hide a failure.
            PooledConnectionLifetime = TimeSpan.Zero,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (definition.TLSSkipVerify || !string.IsNullOrEmpty(definition.TLSServerName))
        {
            handler.SslOptions = CheckTls.ClientOptions("", definition.TLSServerName, definition.TLSSkipVerify);
            if (string.IsNullOrEmpty(definition.TLSServerName))
            {
                handler.SslOptions.TargetHost = null;
            }
        }

        client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    protected override async Task<CheckResult> CheckOnceAsync(CancellationToken cancellationToken)
    {
        var url = definition.HTTP!;
        HttpRequestMessage request;
        try
        {
            request = new HttpRequestMessage(new HttpMethod(method), url);
        }
        catch (Exception ex) when (ex is UriFormatException or FormatException or ArgumentException)
        {
            return new CheckResult(HealthStatus.Critical, $"parse \"{url}\": {ex.Message}");
        }

        using (request)
        {
            if (!string.IsNullOrEmpty(definition.Body))
            {
                request.Content = new StringContent(definition.Body);
                request.Content.Headers.ContentType = null;
            }

            ApplyHeaders(request);
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var body = new TailBuffer(outputMaxSize);
                await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
                {
                    var chunk = new byte[8192];
                    int read;
                    while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        body.Write(chunk.AsSpan(0, read));
                    }
                }

                var code = (int)response.StatusCode;
                var output = $"HTTP {method} {url}: {code} {response.ReasonPhrase ?? ""} Output: {body}";
                var status = code switch
                {
                    >= 200 and <= 299 => HealthStatus.Passing,
                    429 => HealthStatus.Warning, // Consul compat: Too Many Requests is a warning, not a failure.
                    _ => HealthStatus.Critical,
                };
                return new CheckResult(status, output);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new CheckResult(HealthStatus.Critical, $"{GoMethod()} \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
            }
            catch (HttpRequestException ex)
            {
                return new CheckResult(HealthStatus.Critical, $"{GoMethod()} \"{url}\": {Describe(ex, request.RequestUri)}");
            }
        }
    }

    protected override void OnStopped() => client.Dispose();

    private void ApplyHeaders(HttpRequestMessage request)
    {
        var headers = definition.Header ?? new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (name, values) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                if (values.Count > 0)
                {
                    request.Headers.Host = values[0];
                }

                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values) && request.Content is not null)
            {
                request.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        if (!headers.Keys.Any(k => k.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        if (!headers.Keys.Any(k => k.Equals("Accept", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/*"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        }
    }

    // Consul compat: Go's url.Error names the method with one capital ("Get", "Post").
    private string GoMethod() => method.Length == 0 ? method : char.ToUpperInvariant(method[0]) + method[1..].ToLowerInvariant();

    private static string Describe(HttpRequestException ex, Uri? uri)
    {
        var address = uri is null ? "" : $"{uri.Host}:{uri.Port}";
        return ex.InnerException is SocketException socket
            ? CheckTls.DialError("tcp", address, socket)
            : ex.InnerException?.Message ?? ex.Message;
    }
}
