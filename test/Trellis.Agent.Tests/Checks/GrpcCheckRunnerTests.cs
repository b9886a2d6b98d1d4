using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Agent.Checks;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Checks;

public sealed class GrpcCheckRunnerTests
{
    [Fact]
    public async Task Start_ServiceFlipsServingNotServing_ReportsPassingCriticalPassing()
    {
        var health = new HealthServiceImpl();
        health.SetStatus("api", HealthCheckResponse.Types.ServingStatus.Serving);
        var (app, port) = await StartHealthServerAsync(health);
        await using var _ = app;
        var target = $"127.0.0.1:{port}/api";
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create("grpc", new CheckDefinition { GRPC = target, Interval = "50ms" }, sink, CheckSource.Remote);
        Assert.Equal("grpc", runner.Type);
        runner.Start();

        Assert.Equal($"gRPC check {target}: success", (await sink.WaitForAsync(HealthStatus.Passing)).Output);

        health.SetStatus("api", HealthCheckResponse.Types.ServingStatus.NotServing);
        Assert.Equal($"gRPC {target} serving status: NOT_SERVING", (await sink.WaitForAsync(HealthStatus.Critical)).Output);

        var mark = sink.Count;
        health.SetStatus("api", HealthCheckResponse.Types.ServingStatus.Serving);
        await sink.WaitForAsync(HealthStatus.Passing, from: mark);
    }

    [Fact]
    public async Task Start_UnknownService_CriticalWithNotFound()
    {
        var health = new HealthServiceImpl();
        var (app, port) = await StartHealthServerAsync(health);
        await using var _ = app;
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create(
            "grpc", new CheckDefinition { GRPC = $"127.0.0.1:{port}/nope", Interval = "1s" }, sink, CheckSource.Remote);
        runner.Start();

        var update = await sink.WaitForAsync(HealthStatus.Critical);
        Assert.StartsWith("rpc error: code = NotFound desc = ", update.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WholeServerOverTls_Passing()
    {
        var health = new HealthServiceImpl();
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        using var certificate = CheckTestKit.SelfSignedCertificate();
        var (app, port) = await StartHealthServerAsync(health, certificate);
        await using var _ = app;
        var sink = new RecordingSink();
        var definition = new CheckDefinition { GRPC = $"127.0.0.1:{port}", GRPCUseTLS = true, TLSSkipVerify = true, Interval = "1s" };
        await using var runner = CheckTestKit.Factory().Create("grpcs", definition, sink, CheckSource.Remote);
        runner.Start();

        Assert.Equal($"gRPC check 127.0.0.1:{port}: success", (await sink.WaitForAsync(HealthStatus.Passing)).Output);
    }

    [Fact]
    public async Task Start_ServerDown_CriticalUnavailable()
    {
        var (app, port) = await StartHealthServerAsync(new HealthServiceImpl());
        await app.DisposeAsync();
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create(
            "grpc", new CheckDefinition { GRPC = $"127.0.0.1:{port}", Interval = "1s" }, sink, CheckSource.Remote);
        runner.Start();

        var update = await sink.WaitForAsync(HealthStatus.Critical);
        Assert.StartsWith("rpc error: code = Unavailable", update.Output, StringComparison.Ordinal);
        Assert.Contains("connection refused", update.Output, StringComparison.Ordinal);
    }

    private static Task<(WebApplication App, int Port)> StartHealthServerAsync(
        HealthServiceImpl health, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null) =>
        CheckTestKit.StartServerAsync(
            a => a.MapGrpcService<HealthServiceImpl>(),
            certificate is null ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2,
            certificate,
            services =>
            {
                services.AddGrpc();
                services.AddSingleton(health);
            });
}
