using Microsoft.AspNetCore.Http;
using Trellis.Agent.Local;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Errors;
using Trellis.Core.Filtering;
using Trellis.Core.Queries;
using Trellis.Core.Services;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary>
/// <c>/v1/agent/services</c>, <c>/service/*</c>, <c>/checks</c>, <c>/check/*</c>, <c>/health/service/*</c>,
/// <c>/maintenance</c> and <c>/reload</c>: the agent's local services and checks. Parsing and Consul's texts here;
/// the work is <see cref="LocalAgent"/>'s.
/// </summary>
/// <remarks>Thread-safe: no mutable state.</remarks>
public sealed class AgentLocalEndpoint(Agent.Agent agent)
{
    private const int MaxBodyBytes = 1024 * 1024;

    private LocalAgent Local => agent.Local;

    public Task<ApiResult> ServicesAsync(ApiRequest request)
    {
        var filter = ExpressionFilter<AgentService>.Create(request.Get("filter"));
        var services = Local.State.Services()
            .Select(s => AgentService.From(s, agent.Datacenter))
            .Where(filter.Matches)
            .ToDictionary(s => s.ID, StringComparer.Ordinal);
        return Task.FromResult(ApiResult.Json<IReadOnlyDictionary<string, AgentService>>(services));
    }

    public async Task<ApiResult> ServiceAsync(ApiRequest request)
    {
        var id = request.PathAfter("/v1/agent/service/");
        var hash = request.Get("hash");
        var wait = QueryOptions.BlockingWait(request.Options.MaxQueryTime);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var index = Local.State.Index;
            var service = Local.State.Service(id)
                ?? throw new NotFoundException($"unknown service ID: {id}");
            var reply = AgentService.From(service, agent.Datacenter);
            reply = reply with { ContentHash = DefinitionJson.ContentHash(reply) };
            var left = deadline - DateTime.UtcNow;

            // Consul compat: ?hash blocks until the service's content hash differs from the one given.
            if (hash.Length == 0 || hash != reply.ContentHash || left <= TimeSpan.Zero)
            {
                request.Context.Response.Headers["X-Consul-ContentHash"] = reply.ContentHash;
                return ApiResult.Json(reply);
            }

            await Local.State.WaitForChangeAsync(index, left, request.Aborted);
        }
    }

    public async Task<ApiResult> RegisterServiceAsync(ApiRequest request)
    {
        var body = await ReadBodyAsync(request);
        var definition = DefinitionJson.DecodeService(body);

        // Consul compat: the bare flag or "true" replaces the checks not in this registration.
        var replace = request.Has("replace-existing-checks") && request.Get("replace-existing-checks") is "" or "true";
        await Local.RegisterServiceAsync(definition, replace, request.Token ?? definition.Token, request.Aborted);
        return ApiResult.Empty;
    }

    public async Task<ApiResult> DeregisterServiceAsync(ApiRequest request)
    {
        await Local.DeregisterServiceAsync(request.PathAfter("/v1/agent/service/deregister/"), request.Aborted);
        return ApiResult.Empty;
    }

    public async Task<ApiResult> ServiceMaintenanceAsync(ApiRequest request)
    {
        var id = request.PathAfter("/v1/agent/service/maintenance/");
        if (id.Length == 0)
        {
            throw new InvalidRequestException("Missing service ID");
        }

        var enable = ParseEnable(request);
        await Local.SetServiceMaintenanceAsync(id, enable, request.Get("reason"), request.Aborted);
        return ApiResult.Empty;
    }

    public async Task<ApiResult> NodeMaintenanceAsync(ApiRequest request)
    {
        var enable = ParseEnable(request);
        await Local.SetNodeMaintenanceAsync(enable, request.Get("reason"), request.Aborted);
        return ApiResult.Empty;
    }

    public Task<ApiResult> ChecksAsync(ApiRequest request)
    {
        var filter = ExpressionFilter<HealthCheck>.Create(request.Get("filter"));
        var checks = Local.State.Checks()
            .Select(c => c.ServiceTags is null ? c with { ServiceTags = [] } : c)
            .Where(filter.Matches)
            .ToDictionary(c => c.CheckID, StringComparer.Ordinal);
        return Task.FromResult(ApiResult.Json<IReadOnlyDictionary<string, HealthCheck>>(checks));
    }

    public async Task<ApiResult> RegisterCheckAsync(ApiRequest request)
    {
        var body = await ReadBodyAsync(request);
        var definition = DefinitionJson.DecodeCheck(body);
        await Local.RegisterCheckAsync(definition, request.Token, request.Aborted);
        return ApiResult.Empty;
    }

    public async Task<ApiResult> DeregisterCheckAsync(ApiRequest request)
    {
        await Local.DeregisterCheckAsync(request.PathAfter("/v1/agent/check/deregister/"), request.Aborted);
        return ApiResult.Empty;
    }

    public Task<ApiResult> PassAsync(ApiRequest request) => TtlAsync(request, "/v1/agent/check/pass/", HealthStatus.Passing);

    public Task<ApiResult> WarnAsync(ApiRequest request) => TtlAsync(request, "/v1/agent/check/warn/", HealthStatus.Warning);

    public Task<ApiResult> FailAsync(ApiRequest request) => TtlAsync(request, "/v1/agent/check/fail/", HealthStatus.Critical);

    public async Task<ApiResult> UpdateCheckAsync(ApiRequest request)
    {
        var body = await ReadBodyAsync(request);
        var update = ApiRequest.Decode<CheckUpdate>(body.Length == 0 ? "{}"u8 : body);
        if (!HealthStatus.IsValid(update.Status))
        {
            throw new InvalidRequestException($"Invalid check status: '{update.Status}'");
        }

        await Local.UpdateTtlAsync(request.PathAfter("/v1/agent/check/update/"), update.Status, update.Output ?? "", request.Aborted);
        return ApiResult.Empty;
    }

    public Task<ApiResult> HealthByIdAsync(ApiRequest request)
    {
        var id = request.PathAfter("/v1/agent/health/service/id/");
        if (id.Length == 0)
        {
            throw new InvalidRequestException("Missing serviceID");
        }

        var text = WantsText(request);
        var service = Local.State.Service(id);
        if (service is null)
        {
            var reason = $"ServiceId {id} not found";
            return Task.FromResult(text
                ? ApiResult.Text(StatusCodes.Status404NotFound, reason)
                : ApiResult.Json(new AgentServiceChecksInfo { AggregatedStatus = HealthStatus.Critical }, StatusCodes.Status404NotFound));
        }

        var (code, status, info) = Health(service);
        return Task.FromResult(text ? ApiResult.Text(code, status) : ApiResult.Json(info, code));
    }

    public Task<ApiResult> HealthByNameAsync(ApiRequest request)
    {
        var name = request.PathAfter("/v1/agent/health/service/name/");
        if (name.Length == 0)
        {
            throw new InvalidRequestException("Missing service Name");
        }

        var code = StatusCodes.Status404NotFound;
        var status = $"ServiceName {name} Not Found";
        var result = new List<AgentServiceChecksInfo>();
        foreach (var service in Local.State.Services().Where(s => s.Service == name))
        {
            var (scode, sstatus, info) = Health(service);
            result.Add(info);

            // Consul compat: the worst instance decides (200 < 429 < 503).
            if (code == StatusCodes.Status404NotFound || code < scode)
            {
                code = scode;
                status = sstatus;
            }
        }

        return Task.FromResult(WantsText(request)
            ? ApiResult.Text(code, status)
            : ApiResult.Json<IReadOnlyList<AgentServiceChecksInfo>>(result, code));
    }

    public async Task<ApiResult> ReloadAsync(ApiRequest request)
    {
        var reload = agent.ReloadHandler ?? throw new InvalidRequestException("This agent has no configuration to reload");
        await reload(request.Aborted);
        return ApiResult.Empty;
    }

    /// <summary>Consul's aggregation: maintenance, then critical, warning, passing (no checks is passing).</summary>
    public static string AggregatedStatus(IEnumerable<HealthCheck> checks)
    {
        bool passing = false, warning = false, critical = false, maintenance = false;
        foreach (var check in checks)
        {
            if (MaintenanceChecks.IsMaintenance(check.CheckID))
            {
                maintenance = true;
                continue;
            }

            switch (check.Status)
            {
                case HealthStatus.Passing: passing = true; break;
                case HealthStatus.Warning: warning = true; break;
                case HealthStatus.Critical: critical = true; break;
                default: return "";
            }
        }

        return maintenance ? HealthStatus.Maintenance
            : critical ? HealthStatus.Critical
            : warning ? HealthStatus.Warning
            : passing ? HealthStatus.Passing
            : HealthStatus.Passing;
    }

    private (int Code, string Status, AgentServiceChecksInfo Info) Health(NodeService service)
    {
        var checks = Local.State.ChecksForService(service.ID, includeNodeChecks: true);
        var status = AggregatedStatus(checks);
        var code = status switch
        {
            HealthStatus.Passing => StatusCodes.Status200OK,
            HealthStatus.Warning => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
        return (code, status, new AgentServiceChecksInfo
        {
            AggregatedStatus = status,
            Service = AgentService.From(service, agent.Datacenter),
            Checks = checks,
        });
    }

    private async Task<ApiResult> TtlAsync(ApiRequest request, string prefix, string status)
    {
        await Local.UpdateTtlAsync(request.PathAfter(prefix), status, request.Get("note"), request.Aborted);
        return ApiResult.Empty;
    }

    private static bool WantsText(ApiRequest request)
    {
        if (request.Context.Request.Headers.Accept.ToString().StartsWith("text/plain", StringComparison.Ordinal))
        {
            return true;
        }

        var format = request.Get("format");
        return format.Length > 0 && format == "text";
    }

    private static bool ParseEnable(ApiRequest request)
    {
        if (!request.Has("enable"))
        {
            throw new InvalidRequestException("Missing value for enable");
        }

        var raw = request.Get("enable");

        // Go's strconv.ParseBool.
        return raw switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            _ => throw new InvalidRequestException($"Invalid value for enable: \"{raw}\""),
        };
    }

    private static Task<byte[]> ReadBodyAsync(ApiRequest request) =>
        request.ReadBodyAsync(MaxBodyBytes, size => new RequestTooLargeException($"Request body too large ({size} bytes)"));
}
