using System.Net;
using System.Net.Sockets;
using Trellis.Agent.Checks;
using Trellis.Core.Checks;

namespace Trellis.Agent.Tests.Checks;

public sealed class CheckRunnerFactoryTests
{
    [Fact]
    public async Task Create_IntervalBelowMinimum_RaisedToMinimum()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var factory = new CheckRunnerFactory(new CheckRunnerOptions { MinInterval = TimeSpan.FromMilliseconds(500), InitialStagger = false });
            var sink = new RecordingSink();
            await using var runner = factory.Create("tcp", new CheckDefinition { TCP = $"127.0.0.1:{port}", Interval = "10ms" }, sink, CheckSource.Remote);
            runner.Start();
            await sink.WaitForAsync(HealthStatus.Passing);
            await Task.Delay(1200);
            await runner.StopAsync();

            // At 10ms the check would have run ~100 times; held to 500ms it runs at most 4 times in this window.
            Assert.InRange(sink.Count, 1, 4);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Create_AgentOutputMaxSize_UsedWhenCheckSetsNone()
    {
        var factory = new CheckRunnerFactory(new CheckRunnerOptions { CheckOutputMaxSize = 3 });
        var sink = new RecordingSink();
        await using var ttl = (TtlCheck)factory.Create("ttl", new CheckDefinition { TTL = "10s" }, sink, CheckSource.Local);
        Assert.Equal("abc ... (captured 3 of 5 bytes)", ttl.Pass("abcde"));
    }
}
