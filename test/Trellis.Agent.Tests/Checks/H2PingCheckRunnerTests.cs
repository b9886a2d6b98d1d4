using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Trellis.Agent.Checks;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Checks;

public sealed class H2PingCheckRunnerTests
{
    [Fact]
    public async Task Start_CleartextHttp2ServerStopsAndReturns_ReportsPassingCriticalPassing()
    {
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapGet("/", () => "h2"), HttpProtocols.Http2);
        var address = $"127.0.0.1:{port}";
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create(
            "h2", new CheckDefinition { H2PING = address, H2PingUseTLS = false, Interval = "50ms" }, sink, CheckSource.Remote);
        Assert.Equal("h2ping", runner.Type);
        runner.Start();
        try
        {
            Assert.Equal("HTTP2 ping was successful", (await sink.WaitForAsync(HealthStatus.Passing)).Output);

            await app.DisposeAsync();
            var critical = await sink.WaitForAsync(HealthStatus.Critical);
            Assert.Equal($"Failed to dial to {address}: dial tcp {address}: connect: connection refused", critical.Output);

            var mark = sink.Count;
            (app, _) = await CheckTestKit.StartServerAsync(a => a.MapGet("/", () => "h2"), HttpProtocols.Http2, port: port);
            await sink.WaitForAsync(HealthStatus.Passing, from: mark);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_TlsHttp2Server_PassingWithDefaultTls()
    {
        using var certificate = CheckTestKit.SelfSignedCertificate();
        var (app, port) = await CheckTestKit.StartServerAsync(a => a.MapGet("/", () => "h2"), HttpProtocols.Http2, certificate);
        await using var _ = app;
        var sink = new RecordingSink();
        // h2ping_use_tls defaults to true.
        await using var runner = CheckTestKit.Factory().Create(
            "h2s", new CheckDefinition { H2PING = $"127.0.0.1:{port}", TLSSkipVerify = true, Interval = "1s" }, sink, CheckSource.Remote);
        runner.Start();
        Assert.Equal("HTTP2 ping was successful", (await sink.WaitForAsync(HealthStatus.Passing)).Output);
    }

    [Fact]
    public async Task Start_ServerThatNeverSpeaksHttp2_CriticalAtTimeout()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            var sink = new RecordingSink();
            await using var runner = CheckTestKit.Factory().Create(
                "mute", new CheckDefinition { H2PING = $"127.0.0.1:{port}", H2PingUseTLS = false, Interval = "1s", Timeout = "300ms" }, sink, CheckSource.Remote);
            runner.Start();
            Assert.Equal("HTTP2 ping failed: context deadline exceeded", (await sink.WaitForAsync(HealthStatus.Critical)).Output);
        }
        finally
        {
            listener.Stop();
        }
    }
}
