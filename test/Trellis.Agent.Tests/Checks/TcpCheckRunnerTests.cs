using System.Net;
using System.Net.Sockets;
using Trellis.Agent.Checks;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Checks;

public sealed class TcpCheckRunnerTests
{
    [Fact]
    public async Task Start_ListenerStopsAndReturns_ReportsPassingCriticalPassing()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var address = $"127.0.0.1:{port}";
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create("db", new CheckDefinition { TCP = address, Interval = "50ms" }, sink, CheckSource.Remote);
        runner.Start();
        try
        {
            Assert.Equal($"TCP connect {address}: Success", (await sink.WaitForAsync(HealthStatus.Passing)).Output);

            listener.Stop();
            var critical = await sink.WaitForAsync(HealthStatus.Critical);
            Assert.Equal($"dial tcp {address}: connect: connection refused", critical.Output);

            var mark = sink.Count;
            listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            await sink.WaitForAsync(HealthStatus.Passing, from: mark);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Start_TcpUseTls_HandshakesWithTlsServer()
    {
        using var certificate = CheckTestKit.SelfSignedCertificate();
        var (app, port) = await CheckTestKit.StartServerAsync(_ => { }, certificate: certificate);
        await using var _ = app;
        var sink = new RecordingSink();
        var definition = new CheckDefinition { TCP = $"127.0.0.1:{port}", TCPUseTLS = true, TLSSkipVerify = true, Interval = "1s" };
        await using var runner = CheckTestKit.Factory().Create("tls", definition, sink, CheckSource.Remote);
        runner.Start();
        Assert.Equal($"TCP+TLS connect 127.0.0.1:{port}: Success", (await sink.WaitForAsync(HealthStatus.Passing)).Output);
    }
}
