using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Trellis.Core.Errors;
using Trellis.Http.Errors;
using Trellis.Http.Requests;

namespace Trellis.Http.Routing;

/// <summary>
/// Runs one route for one request: method check (405 with <c>Allow</c>), OPTIONS, the handler, error mapping,
/// formatting (<c>?pretty</c>) and the <c>consul.api.http</c> timing metric. Consul's <c>wrap</c>.
/// </summary>
/// <remarks>Thread-safe: no mutable state; one instance serves all requests.</remarks>
internal sealed class ApiDispatcher(Agent.Agent agent, HttpApiOptions options, ILogger logger)
{
    private readonly Histogram<double> _requestTime =
        agent.Metrics.Meter.CreateHistogram<double>("consul.api.http", "ms", "Time to serve an HTTP API request.");

    public RequestDelegate For(ApiRoute route) => context => InvokeAsync(route, context);

    /// <summary>Unknown paths: Consul's 404 texts.</summary>
    public static Task NotFoundAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        return ErrorWriter.WriteAsync(context, StatusCodes.Status404NotFound, path.Contains("/v1/", StringComparison.Ordinal)
            ? "Invalid URL path: not a recognized HTTP API endpoint\n"
            : "Invalid URL path: if attempting to use the HTTP API, ensure the path starts with '/v1/'\n");
    }

    private async Task InvokeAsync(ApiRoute route, HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var method = context.Request.Method;
        try
        {
            if (HttpMethods.IsOptions(method))
            {
                context.Response.Headers.Allow = "OPTIONS," + string.Join(',', route.Methods);
                return;
            }

            if (!route.Methods.Contains(method, StringComparer.Ordinal))
            {
                context.Response.Headers.Allow = "OPTIONS," + string.Join(',', route.Methods);
                await ErrorWriter.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, $"method {method} not allowed");
                return;
            }

            var request = new ApiRequest(context, agent.Datacenter);
            var result = await route.Handler(request);
            await result.ExecuteAsync(context, options.PrettyByDefault || request.Has("pretty"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            logger.LogDebug("Request cancelled {Method} {Path}", method, context.Request.Path.Value);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var status = ErrorMapper.StatusFor(ex);
            if (ex is TrellisException)
            {
                logger.LogDebug("Request error {Method} {Path}: {Error}", method, context.Request.Path.Value, ex.Message);
            }
            else
            {
                logger.LogError(ex, "Request error {Method} {Path}", method, context.Request.Path.Value);
            }

            await ErrorWriter.WriteAsync(context, status, ex.Message);
        }
        finally
        {
            _requestTime.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("method", method),
                new KeyValuePair<string, object?>("path", route.Pattern));
        }
    }
}
