using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trellis.Agent;

namespace Trellis.Http.Tests.Support;

/// <summary>The HTTP API on a real Kestrel bound to a free loopback port, over a <see cref="FakeServerRpc"/>.</summary>
/// <remarks>One instance per test; dispose to stop Kestrel.</remarks>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, Agent.Agent agent, FakeServerRpc rpc, HttpClient client)
    {
        _app = app;
        Agent = agent;
        Rpc = rpc;
        Client = client;
    }

    public Agent.Agent Agent { get; }

    public FakeServerRpc Rpc { get; }

    public HttpClient Client { get; }

    public static async Task<ApiServer> StartAsync(HttpApiOptions? options = null)
    {
        var rpc = new FakeServerRpc();
        var agent = new Agent.Agent(new AgentIdentity
        {
            NodeName = "node-1",
            NodeId = "6a3e0f2c-6e0e-4a3b-9d55-0e4b2e5a1c11",
            Server = true,
        }, rpc);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapTrellisApi(agent, options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new ApiServer(app, agent, rpc, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Agent.Dispose();
    }
}
