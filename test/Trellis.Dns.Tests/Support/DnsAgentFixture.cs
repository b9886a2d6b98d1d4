using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Dns.Server;
using Trellis.Hosting;
using Trellis.Hosting.Configuration;

namespace Trellis.Dns.Tests.Support;

/// <summary>
/// A real dev agent in this process (Raft, server endpoints, catalog) with its DNS listener on a free port, and a
/// catalog: nodes n1..n3 with services in every health state, 60 instances of <c>big</c>, a hostname service.
/// </summary>
public sealed class DnsAgentFixture : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public AgentHost Host { get; private set; } = null!;

    public IPEndPoint Dns => Host.DnsEndpoint!;

    public async Task InitializeAsync()
    {
        Host = new AgentHost(new AgentConfig
        {
            DevMode = true,
            NodeName = "dns-test",
            HttpPort = 0,
            DnsPort = 0,
            ServerPort = FreePort(),
        }, NullLoggerFactory.Instance);
        await Host.StartAsync(CancellationToken.None);
        await RegisterWithRetryAsync(new RegisterRequest
        {
            Node = "n1",
            Address = "10.0.0.1",
            TaggedAddresses = new Dictionary<string, string> { ["lan"] = "10.0.0.1", ["wan"] = "198.51.100.1" },
            NodeMeta = new Dictionary<string, string> { ["env"] = "prod", ["rfc1035-note"] = "plain" },
            Service = new NodeService { ID = "web1", Service = "web", Tags = ["v1", "primary"], Port = 8080 },
            Check = Check("n1", "web1", "web", HealthStatus.Passing),
        });
        await RegisterAsync(new RegisterRequest
        {
            Node = "n2",
            Address = "10.0.0.2",
            Service = new NodeService { ID = "web2", Service = "web", Tags = ["v2"], Port = 8081, Address = "10.0.1.2", Weights = new ServiceWeights { Passing = 5, Warning = 2 } },
            Check = Check("n2", "web2", "web", HealthStatus.Warning),
        });
        await RegisterAsync(new RegisterRequest
        {
            Node = "n3",
            Address = "10.0.0.3",
            Service = new NodeService { ID = "web3", Service = "web", Tags = ["v1"], Port = 8082 },
            Check = Check("n3", "web3", "web", HealthStatus.Critical),
        });
        await RegisterAsync(new RegisterRequest
        {
            Node = "n3",
            Address = "10.0.0.3",
            Service = new NodeService { ID = "ext1", Service = "ext", Port = 443, Address = "example.org" },
        });
        await RegisterAsync(new RegisterRequest
        {
            Node = "n6",
            Address = "fd00::6",
            Service = new NodeService { ID = "v6", Service = "v6", Port = 80 },
        });
        for (var i = 0; i < 60; i++)
        {
            await RegisterAsync(new RegisterRequest
            {
                Node = $"big{i:D2}",
                Address = $"10.1.0.{i + 1}",
                Service = new NodeService { ID = "big", Service = "big", Port = 9000 + i },
            });
        }
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A second DNS listener over the same agent with other options (only_passing, recursors, limits).</summary>
    public DnsServer StartServer(DnsOptions options, IPreparedQueryDns? queries = null, IPAddress? address = null, bool batchedUdp = true)
    {
        var server = new DnsServer(new IPEndPoint(address ?? IPAddress.Loopback, 0), Host.Agent.Rpc, options with { Datacenter = Host.Agent.Datacenter }, NullLogger.Instance, queries)
        {
            BatchedUdp = batchedUdp,
        };
        server.Start();
        return server;
    }

    public Task RegisterAsync(RegisterRequest request) =>
        Host.Agent.Rpc.Catalog.RegisterAsync(request, null, CancellationToken.None);

    public static HealthCheck Check(string node, string serviceId, string service, string status) => new()
    {
        Node = node,
        CheckID = "check-" + serviceId,
        Name = "check " + serviceId,
        Status = status,
        ServiceID = serviceId,
        ServiceName = service,
    };

    private async Task RegisterWithRetryAsync(RegisterRequest request)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            try
            {
                await RegisterAsync(request);
                return;
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                // No leader yet.
                await Task.Delay(100, deadline.Token);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
