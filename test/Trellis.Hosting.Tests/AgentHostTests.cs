using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Trellis.Hosting.Configuration;

namespace Trellis.Hosting.Tests;

public sealed class AgentHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static AgentConfig DevConfig(string? pidFile = null) => new()
    {
        DevMode = true,
        NodeName = "test-node",
        HttpPort = 0,
        DnsPort = 0,
        ServerPort = FreePort(),
        PidFile = pidFile,
    };

    /// <summary>Polls until the dev server has elected itself (bounded by <see cref="Timeout"/>).</summary>
    private static async Task WaitForLeaderAsync(HttpClient client)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var leader = await client.GetStringAsync("/v1/status/leader", deadline.Token);
            if (leader != "\"\"")
            {
                return;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    [Fact]
    public async Task StartAsync_DnsPortMinusOne_NoDnsListener()
    {
        await using var host = new AgentHost(DevConfig() with { DnsPort = -1 }, NullLoggerFactory.Instance);
        using var cts = new CancellationTokenSource(Timeout);
        await host.StartAsync(cts.Token);

        Assert.Null(host.DnsEndpoint);
    }

    [Fact]
    public async Task StartAsync_DnsAddr_ListensThereOnUdpAndTcp()
    {
        await using var host = new AgentHost(DevConfig() with { DnsAddr = "127.0.0.1" }, NullLoggerFactory.Instance);
        using var cts = new CancellationTokenSource(Timeout);
        await host.StartAsync(cts.Token);

        var endpoint = Assert.IsType<System.Net.IPEndPoint>(host.DnsEndpoint);
        Assert.Equal(System.Net.IPAddress.Loopback, endpoint.Address);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(endpoint, cts.Token);
        Assert.True(tcp.Connected);
    }

    [Fact]
    public async Task StartAsync_DevMode_ServesKvRoundTrip()
    {
        await using var host = new AgentHost(DevConfig(), NullLoggerFactory.Instance);
        using var cts = new CancellationTokenSource(Timeout);
        await host.StartAsync(cts.Token);
        using var client = new HttpClient { BaseAddress = host.HttpAddress, Timeout = Timeout };
        await WaitForLeaderAsync(client);

        var put = await client.PutAsync("/v1/kv/hello/world", new ByteArrayContent(Encoding.UTF8.GetBytes("trellis")), cts.Token);
        var get = await client.GetAsync("/v1/kv/hello/world", cts.Token);
        var raw = await client.GetStringAsync("/v1/kv/hello/world?raw", cts.Token);

        Assert.Equal("true", await put.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using var json = JsonDocument.Parse(await get.Content.ReadAsStringAsync(cts.Token));
        var entry = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("hello/world", entry.GetProperty("Key").GetString());
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("trellis")), entry.GetProperty("Value").GetString());
        Assert.True(ulong.Parse(get.Headers.GetValues("X-Consul-Index").Single()) >= entry.GetProperty("ModifyIndex").GetUInt64());
        Assert.Equal("trellis", raw);
    }

    [Fact]
    public async Task StartAsync_DevMode_ReportsSelfAndLeader()
    {
        await using var host = new AgentHost(DevConfig(), NullLoggerFactory.Instance);
        using var cts = new CancellationTokenSource(Timeout);
        await host.StartAsync(cts.Token);
        using var client = new HttpClient { BaseAddress = host.HttpAddress, Timeout = Timeout };
        await WaitForLeaderAsync(client);

        using var self = JsonDocument.Parse(await client.GetStringAsync("/v1/agent/self", cts.Token));
        var leader = await client.GetStringAsync("/v1/status/leader", cts.Token);

        Assert.Equal("test-node", self.RootElement.GetProperty("Config").GetProperty("NodeName").GetString());
        Assert.True(self.RootElement.GetProperty("Config").GetProperty("Server").GetBoolean());
        Assert.Equal($"\"127.0.0.1:{host.Config.ServerPort}\"", leader);
    }

    [Fact]
    public async Task Leave_OverHttp_StopsHostAndRemovesPidFile()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), "trellis-test-" + Guid.NewGuid().ToString("N") + ".pid");
        await using var host = new AgentHost(DevConfig(pidFile), NullLoggerFactory.Instance);
        using var cts = new CancellationTokenSource(Timeout);
        await host.StartAsync(cts.Token);
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), await File.ReadAllTextAsync(pidFile, cts.Token));
        using var client = new HttpClient { BaseAddress = host.HttpAddress, Timeout = Timeout };

        var response = await client.PutAsync("/v1/agent/leave", null, cts.Token);
        await host.Stopped.WaitAsync(cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(File.Exists(pidFile));
    }

    [Fact]
    public async Task RunAsync_Cancelled_Stops()
    {
        await using var host = new AgentHost(DevConfig(), NullLoggerFactory.Instance);
        using var cts = new CancellationTokenSource();
        var run = host.RunAsync(cts.Token);
        using var deadline = new CancellationTokenSource(Timeout);
        while (host.HttpAddress.Port == 8500 && !run.IsCompleted)
        {
            await Task.Delay(20, deadline.Token);
        }

        await cts.CancelAsync();
        await run.WaitAsync(deadline.Token);

        Assert.True(host.Stopped.IsCompleted);
    }

    [Fact]
    public async Task StartAsync_NonDevWithoutDataDir_Throws()
    {
        await using var host = new AgentHost(new AgentConfig { Server = true, HttpPort = 0, ServerPort = FreePort() }, NullLoggerFactory.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(CancellationToken.None));
    }
}
