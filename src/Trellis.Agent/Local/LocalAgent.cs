using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trellis.Agent.Checks;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Errors;
using Trellis.Core.Formats;
using Trellis.Core.Rpc;
using Trellis.Core.Services;

namespace Trellis.Agent.Local;

/// <summary>
/// The agent's services and checks (Consul's <c>Agent.AddService/RemoveService/AddCheck/…</c>): validates definitions
/// with Consul's texts, applies its defaults (service ID = name; check IDs <c>service:&lt;id&gt;[:n]</c>; names
/// "Service 'x' check"), runs one runner per check, keeps <see cref="LocalState"/>, persists API registrations under
/// the data dir, reaps services whose check stayed critical past <c>deregister_critical_service_after</c>, applies
/// maintenance mode, reloads config-defined entries without touching unchanged ones, and drives <see cref="AntiEntropy"/>.
/// </summary>
/// <remarks>
/// Thread-safe. Mutations (HTTP requests, reload, the reaper) are serialized by one async lock, which also guards the
/// runner table; check runners report through <see cref="UpdateCheck"/> without that lock (the state has its own).
/// Each API mutation pushes its change to the catalog before it returns (failures are left to anti-entropy).
/// </remarks>
public sealed partial class LocalAgent : ICheckStatusSink, IAsyncDisposable
{
    private readonly SemaphoreSlim _ops = new(1, 1);
    private readonly Dictionary<string, RunnerEntry> _runners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _configServices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _configChecks = new(StringComparer.Ordinal);
    private readonly AgentIdentity _identity;
    private readonly LocalAgentOptions _options;

    /// <summary>Where this agent keeps its state, or null for an in-memory (dev) agent.</summary>
    public string? DataDir => _options.DataDir;
    private readonly LocalPersistence _persistence;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Task? _reaper;
    private bool _disposed;

    public LocalAgent(
        AgentIdentity identity,
        IServerRpc rpc,
        LocalAgentOptions? options = null,
        Func<int>? clusterSize = null,
        Func<IReadOnlyDictionary<string, string>>? nodeMeta = null,
        ILogger? logger = null,
        TimeProvider? time = null)
    {
        _identity = identity;
        _options = options ?? new LocalAgentOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        State = new LocalState(identity.NodeName, _time) { CheckUpdateInterval = _options.CheckUpdateInterval };
        Factory = new CheckRunnerFactory(_options.Checks with { AliasSource = _options.Checks.AliasSource ?? new LocalAliasSource(State, rpc) });
        _persistence = new LocalPersistence(_options.DataDir, _logger);
        AntiEntropy = new AntiEntropy(
            State, rpc, identity, _options.AntiEntropyInterval, clusterSize ?? (() => 1), nodeMeta ?? (() => new Dictionary<string, string>()), _logger);
    }

    public LocalState State { get; }

    public AntiEntropy AntiEntropy { get; }

    public CheckRunnerFactory Factory { get; }

    public string Datacenter => _identity.Datacenter;

    /// <summary>
    /// Loads the config-defined services and checks, then the persisted API registrations (an id defined in config
    /// wins), and starts anti-entropy and the reaper. Throws <see cref="InvalidRequestException"/> for an invalid config definition.
    /// </summary>
    public async Task StartAsync(IReadOnlyList<ServiceDefinition> services, IReadOnlyList<CheckDefinition> checks, CancellationToken cancellationToken)
    {
        await ApplyConfigAsync(services, checks, cancellationToken).ConfigureAwait(false);
        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var persisted in _persistence.LoadServices())
            {
                var id = ServiceId(persisted.Service);
                if (_configServices.ContainsKey(id))
                {
                    continue;
                }

                try
                {
                    await AddServiceCoreAsync(persisted.Service, LocalSource.Api, replaceExistingChecks: false, persisted.Token, persist: false).ConfigureAwait(false);
                }
                catch (TrellisException ex)
                {
                    _logger.LogWarning("Persisted service {ServiceId} could not be restored: {Error}", id, ex.Message);
                }
            }

            foreach (var persisted in _persistence.LoadChecks())
            {
                try
                {
                    if (persisted.Maintenance is { } m)
                    {
                        if (m.ServiceID.Length == 0 || State.Service(m.ServiceID) is not null)
                        {
                            State.AddCheck(m);
                        }
                    }
                    else if (persisted.Definition is { } d && !_configChecks.ContainsKey(CheckId(d)))
                    {
                        await AddCheckCoreAsync(d, LocalSource.Api, persisted.Token, persist: false).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is TrellisException or InvalidOperationException)
                {
                    _logger.LogWarning("A persisted check could not be restored: {Error}", ex.Message);
                }
            }
        }
        finally
        {
            _ops.Release();
        }

        AntiEntropy.Start();
        _reaper ??= Task.Run(() => ReapLoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>
    /// <c>PUT /v1/agent/service/register</c>: validates (Consul's texts), registers or replaces the service and its
    /// checks, persists it, and syncs it to the catalog before returning.
    /// </summary>
    public async Task RegisterServiceAsync(ServiceDefinition service, bool replaceExistingChecks, string? token, CancellationToken cancellationToken)
    {
        var error = ServiceDefinitionValidator.ValidateService(service);
        if (error is not null)
        {
            throw new InvalidRequestException(error);
        }

        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AddServiceCoreAsync(service, LocalSource.Api, replaceExistingChecks, token ?? "", persist: true).ConfigureAwait(false);
        }
        finally
        {
            _ops.Release();
        }

        await AntiEntropy.TrySyncChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>PUT /v1/agent/service/deregister/:id</c>: 404 with Consul's text for an unknown id.</summary>
    public async Task DeregisterServiceAsync(string serviceId, CancellationToken cancellationToken)
    {
        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RequireService(serviceId);
            await RemoveServiceCoreAsync(serviceId).ConfigureAwait(false);
        }
        finally
        {
            _ops.Release();
        }

        await AntiEntropy.TrySyncChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>PUT /v1/agent/check/register</c>: validates, starts the check, persists it and syncs it.</summary>
    public async Task RegisterCheckAsync(CheckDefinition check, string? token, CancellationToken cancellationToken)
    {
        var error = ServiceDefinitionValidator.ValidateCheck(check);
        if (error is not null)
        {
            throw new InvalidRequestException(error);
        }

        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!string.IsNullOrEmpty(check.ServiceID) && State.Service(check.ServiceID) is null)
            {
                throw new NotFoundException($"ServiceID \"{check.ServiceID}\" does not exist");
            }

            await AddCheckCoreAsync(check, LocalSource.Api, token ?? "", persist: true).ConfigureAwait(false);
        }
        finally
        {
            _ops.Release();
        }

        await AntiEntropy.TrySyncChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>PUT /v1/agent/check/deregister/:id</c>.</summary>
    public async Task DeregisterCheckAsync(string checkId, CancellationToken cancellationToken)
    {
        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RequireCheck(checkId);
            await RemoveCheckCoreAsync(checkId).ConfigureAwait(false);
        }
        finally
        {
            _ops.Release();
        }

        await AntiEntropy.TrySyncChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>/v1/agent/check/pass|warn|fail/:id</c> and <c>/update/:id</c>: sets a TTL check's status and output (renewing
    /// its TTL) and syncs. 404 for an unknown id; 400 when the check is not a TTL check.
    /// </summary>
    public async Task UpdateTtlAsync(string checkId, string status, string output, CancellationToken cancellationToken)
    {
        TtlCheck ttl;
        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RequireCheck(checkId);

            // Consul compat: Consul answers this with a 500; bad input is a 400 here, with Consul's text.
            ttl = _runners.TryGetValue(checkId, out var entry) && entry.Runner is TtlCheck t
                ? t
                : throw new InvalidRequestException($"CheckID \"{checkId}\" does not have associated TTL");
        }
        finally
        {
            _ops.Release();
        }

        var stored = ttl.SetStatus(status, output);
        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_runners.TryGetValue(checkId, out var current) && ReferenceEquals(current.Runner, ttl))
            {
                _persistence.SaveCheckState(new PersistedCheckState
                {
                    CheckID = checkId,
                    Status = status,
                    Output = stored,
                    Expires = (_time.GetUtcNow() + ttl.Ttl).ToUnixTimeSeconds(),
                });
            }
        }
        finally
        {
            _ops.Release();
        }

        await AntiEntropy.TrySyncChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>PUT /v1/agent/service/maintenance/:id</c>: adds or removes the <c>_service_maintenance:&lt;id&gt;</c> check.</summary>
    public async Task SetServiceMaintenanceAsync(string serviceId, bool enable, string reason, CancellationToken cancellationToken)
    {
        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var service = RequireService(serviceId);
            var checkId = MaintenanceChecks.ServiceCheckId(serviceId);
            if (enable && State.Check(checkId) is null)
            {
                var check = new HealthCheck
                {
                    Node = _identity.NodeName,
                    CheckID = checkId,
                    Name = MaintenanceChecks.ServiceName,
                    Notes = reason.Length > 0 ? reason : MaintenanceChecks.DefaultServiceReason,
                    ServiceID = serviceId,
                    ServiceName = service.Service,
                    Status = HealthStatus.Critical,
                    Type = MaintenanceChecks.Type,
                };
                State.AddCheck(check);
                _persistence.SaveCheck(checkId, new PersistedCheck { Maintenance = check });
                _logger.LogInformation("Service {ServiceId} entered maintenance mode", serviceId);
            }
            else if (!enable && State.Check(checkId) is not null)
            {
                await RemoveCheckCoreAsync(checkId).ConfigureAwait(false);
                _logger.LogInformation("Service {ServiceId} left maintenance mode", serviceId);
            }
        }
        finally
        {
            _ops.Release();
        }

        await AntiEntropy.TrySyncChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>PUT /v1/agent/maintenance</c>: adds or removes the <c>_node_maintenance</c> check.</summary>
    public async Task SetNodeMaintenanceAsync(bool enable, string reason, CancellationToken cancellationToken)
    {
        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var checkId = MaintenanceChecks.NodeCheckId;
            if (enable && State.Check(checkId) is null)
            {
                var check = new HealthCheck
                {
                    Node = _identity.NodeName,
                    CheckID = checkId,
                    Name = MaintenanceChecks.NodeName,
                    Notes = reason.Length > 0 ? reason : MaintenanceChecks.DefaultNodeReason,
                    Status = HealthStatus.Critical,
                    Type = MaintenanceChecks.Type,
                };
                State.AddCheck(check);
                _persistence.SaveCheck(checkId, new PersistedCheck { Maintenance = check });
                _logger.LogInformation("Node entered maintenance mode");
            }
            else if (!enable && State.Check(checkId) is not null)
            {
                await RemoveCheckCoreAsync(checkId).ConfigureAwait(false);
                _logger.LogInformation("Node left maintenance mode");
            }
        }
        finally
        {
            _ops.Release();
        }

        await AntiEntropy.TrySyncChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the config-defined services and checks (start and reload): validates all of them first, removes those
    /// no longer defined, adds new and changed ones, and leaves unchanged ones (runner and status) alone.
    /// </summary>
    public async Task ApplyConfigAsync(IReadOnlyList<ServiceDefinition> services, IReadOnlyList<CheckDefinition> checks, CancellationToken cancellationToken)
    {
        foreach (var service in services)
        {
            var error = ServiceDefinitionValidator.ValidateService(service);
            if (error is not null)
            {
                throw new InvalidRequestException($"Failed to register service {Quote(service.Name)}: {error}");
            }
        }

        foreach (var check in checks)
        {
            var error = ServiceDefinitionValidator.ValidateCheck(check);
            if (error is not null)
            {
                throw new InvalidRequestException($"Failed to register check {Quote(check.Name)}: {error}");
            }
        }

        // Runners refuse what the agent does not allow (script checks): try each before changing anything.
        foreach (var (owner, check) in services.SelectMany(s => ServiceDefinitionValidator.ServiceChecks(s).Select(c => (Name: s.Name ?? "", c)))
            .Concat(checks.Select(c => (c.Name, c))))
        {
            try
            {
                await Factory.Create("validate", check, this, CheckSource.Local).DisposeAsync().ConfigureAwait(false);
            }
            catch (InvalidRequestException ex)
            {
                throw new InvalidRequestException($"Failed to register {Quote(owner)}: {ex.Message}", ex);
            }
        }

        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wantedServices = services.ToDictionary(ServiceId, DefinitionJson.Canonical, StringComparer.Ordinal);
            var wantedChecks = checks.ToDictionary(CheckId, DefinitionJson.Canonical, StringComparer.Ordinal);
            foreach (var id in _configChecks.Keys.Where(id => !wantedChecks.ContainsKey(id)).ToList())
            {
                _configChecks.Remove(id);
                if (State.Check(id) is not null)
                {
                    await RemoveCheckCoreAsync(id).ConfigureAwait(false);
                }
            }

            foreach (var id in _configServices.Keys.Where(id => !wantedServices.ContainsKey(id)).ToList())
            {
                _configServices.Remove(id);
                if (State.Service(id) is not null)
                {
                    await RemoveServiceCoreAsync(id).ConfigureAwait(false);
                }
            }

            foreach (var service in services)
            {
                var id = ServiceId(service);
                if (_configServices.TryGetValue(id, out var old) && old == wantedServices[id] && State.Service(id) is not null)
                {
                    continue;
                }

                await AddServiceCoreAsync(service, LocalSource.Config, replaceExistingChecks: true, service.Token ?? "", persist: false).ConfigureAwait(false);
                _configServices[id] = wantedServices[id];
                _persistence.DeleteService(id);
            }

            foreach (var check in checks)
            {
                var id = CheckId(check);
                if (_configChecks.TryGetValue(id, out var old) && old == wantedChecks[id] && State.Check(id) is not null)
                {
                    continue;
                }

                await AddCheckCoreAsync(check, LocalSource.Config, "", persist: false).ConfigureAwait(false);
                _configChecks[id] = wantedChecks[id];
            }
        }
        finally
        {
            _ops.Release();
        }

        AntiEntropy.Trigger();
    }

    /// <summary>The runner of a check (for tests and the TTL endpoints); null when none runs.</summary>
    public ICheckRunner? RunnerOf(string checkId)
    {
        _ops.Wait();
        try
        {
            return _runners.TryGetValue(checkId, out var e) ? e.Runner : null;
        }
        finally
        {
            _ops.Release();
        }
    }

    void ICheckStatusSink.UpdateCheck(string checkId, string status, string output) => State.UpdateCheck(checkId, status, output);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_reaper is not null)
        {
            await _reaper.ConfigureAwait(false);
        }

        await AntiEntropy.DisposeAsync().ConfigureAwait(false);
        await _ops.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var entry in _runners.Values)
            {
                await entry.Runner.DisposeAsync().ConfigureAwait(false);
            }

            _runners.Clear();
        }
        finally
        {
            _ops.Release();
        }
    }

    private static string Quote(string? s) => $"\"{s}\"";

    internal static string ServiceId(ServiceDefinition service) => string.IsNullOrEmpty(service.ID) ? service.Name ?? "" : service.ID;

    internal static string CheckId(CheckDefinition check) =>
        !string.IsNullOrEmpty(check.ID) ? check.ID : !string.IsNullOrEmpty(check.CheckID) ? check.CheckID : check.Name;

    private NodeService RequireService(string serviceId) =>
        State.Service(serviceId) ?? throw new NotFoundException(
            $"Unknown service ID \"{serviceId}\". Ensure that the service ID is passed, not the service name.");

    private void RequireCheck(string checkId)
    {
        if (State.Check(checkId) is null)
        {
            throw new NotFoundException($"Unknown check ID \"{checkId}\". Ensure that the check ID is passed, not the check name.");
        }
    }

    private sealed record RunnerEntry(ICheckRunner Runner, string Canonical, LocalSource Source, TimeSpan? ReapAfter);
}
