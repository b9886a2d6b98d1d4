using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trellis.Consensus;
using Trellis.Http;
using Trellis.Hosting.Configuration;
using Trellis.Hosting.Logging;
using Trellis.Hosting.Runtime;
using Trellis.Server;
using Trellis.State;
using Trellis.Ui;

namespace Trellis.Hosting;

/// <summary>
/// A whole agent in one object, embeddable in a test or another app: from an <see cref="AgentConfig"/> it builds the
/// Raft node and the server endpoints (server mode), the <see cref="Agent.Agent"/> and the HTTP API on
/// <c>client_addr:ports.http</c>, writes the pid file, and shuts all of it down on <see cref="StopAsync"/>,
/// on <c>/v1/agent/leave</c> or (with <see cref="RunAsync"/>) on SIGTERM/SIGINT.
/// </summary>
/// <remarks>
/// <see cref="StartAsync"/> and <see cref="StopAsync"/> are meant to be called once each, by one thread;
/// <see cref="StopAsync"/> is idempotent and may race a leave request (a semaphore serializes them).
/// Properties are safe to read from any thread once started.
/// </remarks>
public sealed class AgentHost : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly bool _ownsLoggerFactory;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>The log for /v1/agent/monitor when this host owns its logging; null with a factory from outside.</summary>
    private readonly LogMonitor? _logMonitor;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RaftNode? _raft;
    private ServerRpc? _server;
    private WebApplication? _web;
    private Trellis.Dns.Server.DnsServer? _dns;
    private Agent.Agent? _agent;
    private PosixSignalRegistration? _hangup;
    private bool _started;
    private bool _stopping;

    public AgentHost(AgentConfig config, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = NodeIdentity.ApplyDevMode(config);
        _ownsLoggerFactory = loggerFactory is null;
        _logMonitor = loggerFactory is null ? new LogMonitor() : null;
        _loggerFactory = loggerFactory ?? AgentLogging.CreateFactory(Config, _logMonitor);
        _logger = _loggerFactory.CreateLogger("Trellis.Agent");
    }

    /// <summary>The effective configuration (dev-mode defaults applied).</summary>
    public AgentConfig Config { get; }

    /// <summary>The running agent; throws before <see cref="StartAsync"/>.</summary>
    public Agent.Agent Agent => _agent ?? throw new InvalidOperationException("The agent is not started.");

    /// <summary>The HTTP API's base address as bound (useful with port 0).</summary>
    public Uri HttpAddress { get; private set; } = new("http://127.0.0.1:8500/");

    /// <summary>The DNS listener's endpoint as bound (UDP and TCP share it), or null when DNS is disabled (<c>ports.dns = -1</c>).</summary>
    public IPEndPoint? DnsEndpoint => _dns?.LocalEndpoint;

    /// <summary>
    /// What answers <c>&lt;query&gt;.query.consul</c> lookups; set before <see cref="StartAsync"/>. Null (the default) uses the
    /// servers' prepared queries (<see cref="Trellis.Dns.PreparedQueryRpcDns"/>).
    /// </summary>
    public Trellis.Dns.IPreparedQueryDns? PreparedQueryDns { get; set; }

    /// <summary>Completes once the agent has stopped (after <see cref="StopAsync"/> or a leave).</summary>
    public Task Stopped => _stopped.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_started)
            {
                throw new InvalidOperationException("The agent host was already started.");
            }

            _started = true;
            if (!Config.Server)
            {
                throw new NotSupportedException("Client agents are not supported yet: run with -server or -dev.");
            }

            if (Config.DataDir is null && !Config.DevMode)
            {
                throw new InvalidOperationException("data_dir is required unless running with -dev.");
            }

            var identity = NodeIdentity.Resolve(Config);
            _logger.LogInformation("Starting Trellis agent {Version} (Consul API {ConsulVersion}): node {Node} ({NodeId}), datacenter {Datacenter}, server {Server}",
                Trellis.Agent.AgentVersion.TrellisVersion, Trellis.Agent.AgentVersion.ConsulApiVersion, identity.NodeName, identity.NodeId, identity.Datacenter, identity.Server);

            _raft = new RaftNode(new RaftNodeOptions
            {
                NodeId = identity.NodeId,
                NodeName = identity.NodeName,
                Endpoint = new IPEndPoint(IPAddress.Parse(identity.AdvertiseAddr), Config.ServerPort),
                BindEndpoint = new IPEndPoint(IPAddress.Parse(Config.BindAddr), Config.ServerPort),
                DataDir = Config.DataDir is null ? null : Path.Combine(Config.DataDir, "raft"),
                Bootstrap = Config.Bootstrap,
            }, new StateStore(), _loggerFactory);
            // The endpoints come before the Raft start so the first leadership is seen by the leader loops.
            _server = new ServerRpc(_raft, TimeProvider.System, new ServerOptions
            {
                NodeName = identity.NodeName,
                NodeId = identity.NodeId,
                AdvertiseAddress = identity.AdvertiseAddr,
                ServerPort = Config.ServerPort,
                SerfLanPort = identity.SerfLanPort,
                SerfWanPort = identity.SerfWanPort,
                Version = Trellis.Agent.AgentVersion.ConsulApiVersion,
                RegisterSelf = true,
                InitializeAutopilot = true,
                VerifySessionChecks = true,
                Datacenter = identity.Datacenter,
                SessionTtlMin = Config.SessionTtlMin,
                KvMaxValueSize = Config.KvMaxValueSize,
                Autopilot = Config.Autopilot,
            });
            await _raft.StartAsync(cancellationToken);

            _agent = new Agent.Agent(identity, _server, bootstrap: Config.Bootstrap, localOptions: LocalOptions(Config), logger: _loggerFactory.CreateLogger("Trellis.Agent.Local"));
            _agent.ReloadHandler = ReloadAsync;
            _agent.LogStream = _logMonitor;

            // Consul compat: SIGHUP reloads the configuration, whoever runs the host.
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                _logger.LogInformation("Caught signal {Signal}, reloading configuration", context.Signal);
                _ = ReloadFromSignalAsync();
            });
            await _agent.Local.StartAsync(Config.Services, Config.Checks, cancellationToken);
            _web = BuildWebApplication(_agent);
            await _web.StartAsync(cancellationToken);
            HttpAddress = BoundAddress(_web);
            StartDns(_agent);
            PidFile.Write(Config.PidFile);
            _agent.LeaveRequested.Register(() => _ = StopFromLeaveAsync());
            _logger.LogInformation("HTTP API listening on {Address}", HttpAddress);
        }
        catch
        {
            await StopCoreAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts, then runs until <paramref name="cancellationToken"/>, a leave request or SIGTERM/SIGINT; then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            _logger.LogInformation("Caught signal {Signal}, leaving gracefully", context.Signal);
            _agent?.RequestLeave();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        try
        {
            await Stopped.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Stops the HTTP API, the server endpoints and Raft, and removes the pid file. Idempotent.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            await StopCoreAsync(cancellationToken);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _lifecycle.Dispose();
        if (_ownsLoggerFactory)
        {
            _loggerFactory.Dispose();
        }
    }

    /// <summary>
    /// Reads the configuration again from the files and flags it was loaded from and applies what can change at run
    /// time: the config-defined services and checks (unchanged ones keep their runner and status), <c>recursors</c>
    /// and <c>dns_config</c>. A bad file is an <see cref="Core.Errors.InvalidRequestException"/> and nothing changes.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var agent = Agent;
        AgentConfig fresh;
        if (Config.LoadOptions is null)
        {
            fresh = Config;
        }
        else
        {
            try
            {
                fresh = ConfigLoader.Load(Config.LoadOptions);
            }
            catch (ConfigException ex)
            {
                throw new Trellis.Core.Errors.InvalidRequestException("Failed reloading config: " + ex.Message, ex);
            }
        }

        // DNS first: it is the part that can still refuse the new file, and then nothing has changed.
        ReloadDns(agent, fresh);
        agent.Local.State.CheckUpdateInterval = fresh.CheckUpdateInterval;
        await agent.Local.ApplyConfigAsync(fresh.Services, fresh.Checks, cancellationToken);

        // Like every other local change made through the API, a reload is in the catalog when the request returns.
        await agent.Local.AntiEntropy.TrySyncChangesAsync(cancellationToken);
        _logger.LogInformation("Configuration reloaded: {Services} services and {Checks} checks from config", fresh.Services.Count, fresh.Checks.Count);
    }

    private async Task ReloadFromSignalAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogError("Reload failed: {Error}", ex.Message);
        }
    }

    private static Agent.Local.LocalAgentOptions LocalOptions(AgentConfig config) => new()
    {
        DataDir = config.DataDir,
        CheckUpdateInterval = config.CheckUpdateInterval,
        AntiEntropyInterval = config.AeInterval,
        Checks = new Agent.Checks.CheckRunnerOptions
        {
            EnableScriptChecks = config.EnableScriptChecks,
            EnableLocalScriptChecks = config.EnableLocalScriptChecks,
            CheckOutputMaxSize = config.CheckOutputMaxSize,
        },
    };

    private async Task StopFromLeaveAsync()
    {
        try
        {
            _logger.LogInformation("Graceful leave requested");
            // Let the /v1/agent/leave response go out before the listener closes.
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            await StopAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            _logger.LogDebug("Leave after shutdown ignored");
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        try
        {
            _hangup?.Dispose();
            if (_dns is not null)
            {
                await _dns.DisposeAsync();
            }

            if (_web is not null)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ShutdownTimeout);
                await _web.StopAsync(timeout.Token);
                await _web.DisposeAsync();
            }

            if (_agent is not null)
            {
                await _agent.Local.DisposeAsync();
            }

            _server?.Dispose();
            if (_raft is not null)
            {
                await _raft.DisposeAsync();
            }

            _agent?.Dispose();
            PidFile.Remove(Config.PidFile);
            _logger.LogInformation("Agent stopped");
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void StartDns(Agent.Agent agent)
    {
        // Consul compat: ports.dns = -1 disables the DNS interface.
        if (Config.DnsPort < 0)
        {
            return;
        }

        var options = Config.Dns with { Datacenter = agent.Datacenter };
        var endpoint = new IPEndPoint(IPAddress.Parse(Config.DnsAddr ?? Config.ClientAddr), Config.DnsPort);
        _dns = new Trellis.Dns.Server.DnsServer(endpoint, agent.Rpc, options, _loggerFactory.CreateLogger("Trellis.Dns"), PreparedQueriesForDns(agent, options));
        _dns.Start();
        _logger.LogInformation("DNS listening on {Address} (UDP and TCP)", _dns.LocalEndpoint);
    }

    private Trellis.Dns.IPreparedQueryDns PreparedQueriesForDns(Agent.Agent agent, Trellis.Dns.DnsOptions options) =>
        PreparedQueryDns ?? new Trellis.Dns.PreparedQueryRpcDns(agent.Rpc, agent.NodeName, options.AllowStale);

    /// <summary>Gives the DNS server the reloaded <c>recursors</c> and <c>dns_config</c>; throws for a bad recursor.</summary>
    private void ReloadDns(Agent.Agent agent, AgentConfig fresh)
    {
        if (_dns is null)
        {
            return;
        }

        // Consul compat: only recursors and dns_config reload; the domain names and listeners stay as started.
        var options = fresh.Dns with { Domain = Config.Dns.Domain, AltDomain = Config.Dns.AltDomain, Datacenter = agent.Datacenter };
        try
        {
            _dns.Reload(options, PreparedQueriesForDns(agent, options));
        }
        catch (FormatException ex)
        {
            throw new Trellis.Core.Errors.InvalidRequestException("Failed reloading dns config: " + ex.Message, ex);
        }
    }

    private WebApplication BuildWebApplication(Agent.Agent agent)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggerFactory);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(Config.ClientAddr), Config.HttpPort);
        });
        var app = builder.Build();
        app.MapTrellisApi(agent, new HttpApiOptions
        {
            KvMaxValueSize = Config.KvMaxValueSize,
            TxnMaxRequestLength = Config.TxnMaxRequestLength,
            PrettyByDefault = false,
        }, _loggerFactory);
        app.MapTrellisUi(new UiOptions { Enabled = Config.EnableUi, ContentPath = Config.UiContentPath, Dir = Config.UiDir });
        return app;
    }

    private static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? "http://127.0.0.1:8500";
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }
}
