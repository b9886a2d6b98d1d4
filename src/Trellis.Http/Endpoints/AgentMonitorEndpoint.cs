using System.Text;
using Microsoft.Extensions.Logging;
using Trellis.Core.Errors;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary>
/// <c>GET /v1/agent/monitor?loglevel=&amp;logjson</c>: streams the agent's log lines as they are written, one per line,
/// flushed as they come, until the client goes away (Consul's agent monitor).
/// </summary>
/// <remarks>Thread-safe: no mutable state; each request reads its own stream.</remarks>
public sealed class AgentMonitorEndpoint(Agent.Agent agent)
{
    public async Task<ApiResult> MonitorAsync(ApiRequest request)
    {
        var levelName = request.Has("loglevel") && request.Get("loglevel").Length > 0 ? request.Get("loglevel") : "INFO";
        var level = Level(levelName) ?? throw new InvalidRequestException($"Unknown log level: {levelName}");
        var stream = agent.LogStream ?? throw new InvalidOperationException("This agent does not stream its log");

        // Attached before the headers go out: every line logged after the client sees the stream open reaches it.
        var lines = stream.ReadAsync(level, json: request.Has("logjson"), request.Aborted);
        var response = request.Context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/plain; charset=utf-8";
        await response.StartAsync(request.Aborted);
        await response.Body.FlushAsync(request.Aborted);
        try
        {
            await foreach (var line in lines)
            {
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), request.Aborted);
                await response.Body.FlushAsync(request.Aborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away.
        }

        return ApiResult.Written;
    }

    /// <summary>hclog's level names, any case: trace, debug, info, warn, error; null for anything else.</summary>
    private static LogLevel? Level(string name) => name.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" => LogLevel.Warning,
        "error" or "err" => LogLevel.Error,
        _ => null,
    };
}
