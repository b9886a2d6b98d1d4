using System.Net;
using System.Net.Sockets;
using Trellis.Agent.Checks;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Checks;

public sealed class UdpCheckRunnerTests
{
    [Fact]
    public async Task Start_EchoServerGoesAwayAndReturns_ReportsPassingCriticalPassing()
    {
        var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        var echo = EchoAsync(server, stop.Token);
        var address = $"127.0.0.1:{port}";
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create(
            "dns", new CheckDefinition { UDP = address, Interval = "50ms", Timeout = "500ms" }, sink, CheckSource.Remote);
        runner.Start();
        try
        {
            Assert.Equal($"UDP connect {address}: Success", (await sink.WaitForAsync(HealthStatus.Passing)).Output);

            await stop.CancelAsync();
            await echo;
            server.Dispose();
            var critical = await sink.WaitForAsync(HealthStatus.Critical);
            Assert.EndsWith("connection refused", critical.Output, StringComparison.Ordinal);

            var mark = sink.Count;
            server = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            using var stop2 = new CancellationTokenSource();
            var echo2 = EchoAsync(server, stop2.Token);
            await sink.WaitForAsync(HealthStatus.Passing, from: mark);
            await stop2.CancelAsync();
            await echo2;
        }
        finally
        {
            server.Dispose();
        }
    }

    [Fact]
    public async Task Start_SilentServer_PassingAfterTimeout()
    {
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        var sink = new RecordingSink();
        await using var runner = CheckTestKit.Factory().Create(
            "quiet", new CheckDefinition { UDP = $"127.0.0.1:{port}", Interval = "1s", Timeout = "200ms" }, sink, CheckSource.Remote);
        runner.Start();

        await sink.WaitForAsync(HealthStatus.Passing);
        // The datagram really arrived (empty, as Consul sends).
        var received = await server.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(received.Buffer);
    }

    private static async Task EchoAsync(UdpClient server, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var datagram = await server.ReceiveAsync(cancellationToken);
                await server.SendAsync(new byte[] { 1 }, datagram.RemoteEndPoint, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
