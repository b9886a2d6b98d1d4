using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Trellis.Core.Checks;

namespace Trellis.Agent.Checks;

/// <summary>
/// <c>grpc</c>: calls <c>grpc.health.v1.Health/Check</c> on "host:port[/service]" over HTTP/2 (cleartext with prior
/// knowledge, or TLS with <c>grpc_use_tls</c>); SERVING is passing, anything else or an error critical.
/// </summary>
/// <remarks>See <see cref="IntervalCheckRunner"/>. Owns one <see cref="HttpClient"/>, disposed on stop.</remarks>
internal sealed class GrpcCheckRunner : IntervalCheckRunner
{
    private readonly string target;
    private readonly string server;
    private readonly string service;
    private readonly bool useTls;
    private readonly HttpClient client;

    public GrpcCheckRunner(string checkId, CheckDefinition definition, TimeSpan interval, TimeSpan timeout, ICheckStatusSink sink, bool stagger)
        : base(checkId, "grpc", interval, timeout, sink, stagger)
    {
        target = definition.GRPC!;
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        server = slash < 0 ? target : target[..slash];
        service = slash < 0 ? "" : target[(slash + 1)..];
        useTls = definition.GRPCUseTLS;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.Zero,
        };
        if (useTls)
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
        if (!HostPort.TryParse(server, out var address))
        {
            return new CheckResult(HealthStatus.Critical, $"dial tcp {server}: missing port in address");
        }

        var uri = new Uri($"{(useTls ? "https" : "http")}://{address}{GrpcHealthProtocol.CheckPath}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcHealthProtocol.EncodeRequest(service)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("grpc-timeout", $"{Math.Clamp((long)Timeout.TotalMilliseconds, 1, 99_999_999)}m");

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Critical($"rpc error: code = Unknown desc = unexpected HTTP status code received from server: {(int)response.StatusCode} ({response.ReasonPhrase})");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var grpcStatus = Header(response, "grpc-status");
            if (grpcStatus is not null && grpcStatus != "0")
            {
                var code = int.TryParse(grpcStatus, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 2;
                var message = Uri.UnescapeDataString(Header(response, "grpc-message") ?? "");
                return Critical($"rpc error: code = {GrpcHealthProtocol.CodeName(code)} desc = {message}");
            }

            if (!GrpcHealthProtocol.TryDecodeResponse(body, out var status))
            {
                return Critical("rpc error: code = Internal desc = grpc: failed to unmarshal the received message");
            }

            return status == 1
                ? new CheckResult(HealthStatus.Passing, $"gRPC check {target}: success")
                : Critical($"gRPC {target} serving status: {GrpcHealthProtocol.StatusName(status)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Critical("context deadline exceeded");
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException is SocketException socket
                ? CheckTls.DialError("tcp", address.ToString(), socket)
                : ex.InnerException?.Message ?? ex.Message;
            return Critical($"rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: {reason}\"");
        }
    }

    protected override void OnStopped() => client.Dispose();

    private static CheckResult Critical(string output) => new(HealthStatus.Critical, output);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.FirstOrDefault()
        : response.Headers.TryGetValues(name, out var header) ? header.FirstOrDefault()
        : null;
}
