using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trellis.Http.Endpoints;
using Trellis.Http.Routing;

namespace Trellis.Http;

/// <summary>Registers the Consul-compatible HTTP API on an ASP.NET Core endpoint builder.</summary>
public static class HttpApiExtensions
{
    /// <summary>Maps every route of <see cref="HttpRoutes"/> plus Consul's 404 fallback.</summary>
    public static IEndpointRouteBuilder MapTrellisApi(
        this IEndpointRouteBuilder endpoints, Agent.Agent agent, HttpApiOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        options ??= new HttpApiOptions();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Trellis.Http");
        var dispatcher = new ApiDispatcher(agent, options, logger);
        foreach (var route in HttpRoutes.Build(new ApiEndpoints(agent, options)))
        {
            endpoints.Map(route.Pattern, dispatcher.For(route));
        }

        endpoints.MapFallback(ApiDispatcher.NotFoundAsync);
        return endpoints;
    }
}
