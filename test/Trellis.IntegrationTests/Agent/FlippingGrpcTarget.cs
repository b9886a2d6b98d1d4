using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Trellis.IntegrationTests.Agent;

/// <summary>
/// A real <c>grpc.health.v1.Health</c> server (Kestrel, cleartext HTTP/2 on 127.0.0.1 and a free port) whose
/// serving status for <see cref="ServiceName"/> flips between SERVING and NOT_SERVING, counting the Check calls.
/// </summary>
/// <remarks>Kestrel serves on the thread pool; <see cref="Serving"/> writes go through the thread-safe <see cref="HealthServiceImpl"/>.</remarks>
public sealed class FlippingGrpcTarget : IAsyncDisposable
{
    public const string ServiceName = "trellis.test";

    private readonly CountingHealthService _health;
    private readonly WebApplication _app;
    private volatile bool _serving;

    private FlippingGrpcTarget(WebApplication app, int port, CountingHealthService health)
    {
        _app = app;
        Port = port;
        _health = health;
    }

    public int Port { get; }

    /// <summary>The check's target: "host:port/service".</summary>
    public string Target => $"127.0.0.1:{Port}/{ServiceName}";

    public int Requests => _health.Requests;

    public bool Serving
    {
        get => _serving;
        set
        {
            _serving = value;
            _health.SetStatus(ServiceName, value ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing);
        }
    }

    public static async Task<FlippingGrpcTarget> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        var health = new CountingHealthService();
        builder.Services.AddSingleton(health);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapGrpcService<CountingHealthService>();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FlippingGrpcTarget(app, new Uri(address).Port, health) { Serving = true };
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    /// <summary>Grpc.HealthCheck's service, counting Check calls.</summary>
    /// <remarks>Check may run on several threads; the counter is atomic.</remarks>
    internal sealed class CountingHealthService : HealthServiceImpl
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref _requests);
            return base.Check(request, context);
        }
    }
}
