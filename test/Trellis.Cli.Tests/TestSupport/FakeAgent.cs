using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Trellis.Cli.Tests.TestSupport;

/// <summary>
/// A Kestrel server on a free loopback port answering with Consul-shaped JSON that each test scripts.
/// It stands in for the agent ONLY so CLI argument handling and output formatting can be tested in-process;
/// the real end-to-end runs against a Trellis agent live in the integration tests.
/// </summary>
public sealed class FakeAgent : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeAgent(WebApplication app) => _app = app;

    public string Address { get; private set; } = "";

    /// <summary>Every request seen: method, path and query, body bytes and the X-Consul-Token header.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeAgent> StartAsync(Func<HttpContext, byte[], Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var agent = new FakeAgent(app);
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();
            agent.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                body,
                context.Request.Headers["X-Consul-Token"].ToString()));
            await handler(context, body);
        });
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses;
        agent.Address = addresses.First();
        return agent;
    }

    /// <summary>A server that answers each request with the JSON text <paramref name="route"/> picks (null = 404).</summary>
    public static Task<FakeAgent> StartJsonAsync(Func<string, string, string?> route, ulong index = 7) =>
        StartAsync(async (context, _) =>
        {
            var json = route(context.Request.Method, context.Request.Path + context.Request.QueryString);
            context.Response.Headers["X-Consul-Index"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-Consul-KnownLeader"] = "true";
            context.Response.Headers["X-Consul-LastContact"] = "0";
            if (json is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
