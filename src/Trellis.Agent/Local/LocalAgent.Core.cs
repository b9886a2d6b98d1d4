using Microsoft.Extensions.Logging;
using Trellis.Agent.Checks;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Formats;
using Trellis.Core.Services;

namespace Trellis.Agent.Local;

/// <summary>The mutations behind the public operations; every method here runs under <c>_ops</c>.</summary>
public sealed partial class LocalAgent
{
    private async Task AddServiceCoreAsync(ServiceDefinition definition, LocalSource source, bool replaceExistingChecks, string token, bool persist)
    {
        var id = ServiceId(definition);
        var service = new NodeService
        {
            Kind = definition.Kind ?? "",
            ID = id,
            Service = definition.Name ?? "",
            Tags = definition.Tags ?? [],
            Address = definition.Address ?? "",
            TaggedAddresses = definition.TaggedAddresses,
            Meta = definition.Meta ?? new Dictionary<string, string>(),
            Port = definition.Port,
            Weights = definition.Weights ?? ServiceWeights.Default,
            EnableTagOverride = definition.EnableTagOverride,
            Proxy = definition.Proxy,
            Connect = definition.Connect,
        };

        var defs = ServiceDefinitionValidator.ServiceChecks(definition);
        var checks = new List<CheckDefinition>(defs.Count);
        for (var i = 0; i < defs.Count; i++)
        {
            var d = defs[i];
            var checkId = !string.IsNullOrEmpty(d.ID) ? d.ID : !string.IsNullOrEmpty(d.CheckID) ? d.CheckID : null;
            if (checkId is null)
            {
                checkId = "service:" + id;
                if (defs.Count > 1)
                {
                    checkId += ":" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            checks.Add(d with
            {
                ID = checkId,
                CheckID = null,
                Name = string.IsNullOrEmpty(d.Name) ? $"Service '{service.Service}' check" : d.Name,
                ServiceID = id,
            });
        }

        // Build every new runner before touching the state, so a refused check leaves nothing half-registered.
        var built = new Dictionary<string, (ICheckRunner Runner, string Canonical)>(StringComparer.Ordinal);
        try
        {
            foreach (var check in checks)
            {
                var canonical = DefinitionJson.Canonical(check);
                if (_runners.TryGetValue(check.ID!, out var existing) && existing.Canonical == canonical && State.Check(check.ID!) is not null)
                {
                    continue;
                }

                built[check.ID!] = (Factory.Create(check.ID!, check, this, source == LocalSource.Config ? CheckSource.Local : CheckSource.Remote), canonical);
            }
        }
        catch
        {
            foreach (var (runner, _) in built.Values)
            {
                await runner.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        State.AddService(service, token);
        foreach (var check in checks)
        {
            if (built.TryGetValue(check.ID!, out var b))
            {
                await StartCheckAsync(check, b.Runner, b.Canonical, source).ConfigureAwait(false);
            }
        }

        if (replaceExistingChecks)
        {
            var keep = checks.Select(c => c.ID!).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in State.ChecksForService(id, includeNodeChecks: false)
                .Where(c => !keep.Contains(c.CheckID) && !MaintenanceChecks.IsMaintenance(c.CheckID)).ToList())
            {
                await RemoveCheckCoreAsync(stale.CheckID).ConfigureAwait(false);
            }
        }

        if (persist)
        {
            _persistence.SaveService(id, new PersistedService { Service = definition with { ID = id }, Token = token });
        }
    }

    private async Task AddCheckCoreAsync(CheckDefinition definition, LocalSource source, string token, bool persist)
    {
        var id = CheckId(definition);
        var check = definition with { ID = id, CheckID = null, ServiceID = string.IsNullOrEmpty(definition.ServiceID) ? null : definition.ServiceID };
        var canonical = DefinitionJson.Canonical(check);
        if (!(_runners.TryGetValue(id, out var existing) && existing.Canonical == canonical && State.Check(id) is not null))
        {
            if (check.ServiceID is not null && State.Service(check.ServiceID) is null)
            {
                throw new Trellis.Core.Errors.NotFoundException($"ServiceID \"{check.ServiceID}\" does not exist");
            }

            var runner = Factory.Create(id, check, this, source == LocalSource.Config ? CheckSource.Local : CheckSource.Remote);
            await StartCheckAsync(check, runner, canonical, source).ConfigureAwait(false);
        }

        if (persist)
        {
            _persistence.SaveCheck(id, new PersistedCheck { Definition = check, Token = token });
        }
    }

    private async Task StartCheckAsync(CheckDefinition check, ICheckRunner runner, string canonical, LocalSource source)
    {
        var id = check.ID!;
        if (_runners.Remove(id, out var old))
        {
            await old.Runner.DisposeAsync().ConfigureAwait(false);
        }

        _ = CheckTiming.TryParse(check, out var timing, out _);
        TimeSpan? reap = null;
        if (!string.IsNullOrEmpty(check.DeregisterCriticalServiceAfter) && GoDuration.TryParse(check.DeregisterCriticalServiceAfter, out var after) && after > TimeSpan.Zero)
        {
            reap = after < _options.DeregisterCriticalMinimum ? _options.DeregisterCriticalMinimum : after;
        }

        // Consul compat: a TTL check starts from the status it was last given while that has not expired (restart).
        var status = CheckDefinitionValidator.InitialStatus(check);
        var output = "";
        if (runner is TtlCheck && _persistence.LoadCheckState(id) is { } saved && saved.Expires > _time.GetUtcNow().ToUnixTimeSeconds()
            && HealthStatus.IsValid(saved.Status))
        {
            (status, output) = (saved.Status, saved.Output);
        }

        State.AddCheck(new HealthCheck
        {
            Node = _identity.NodeName,
            CheckID = id,
            Name = check.Name,
            Notes = check.Notes ?? "",
            Output = output,
            ServiceID = check.ServiceID ?? "",
            Status = status,
            Type = runner.Type,
            Interval = timing.Interval > TimeSpan.Zero ? GoDuration.Format(timing.Interval) : "",
            Timeout = timing.Timeout > TimeSpan.Zero ? GoDuration.Format(timing.Timeout) : "",
            Definition = new HealthCheckDefinition
            {
                HTTP = check.HTTP,
                Header = check.Header,
                Method = check.Method,
                Body = check.Body,
                TLSSkipVerify = check.TLSSkipVerify,
                TLSServerName = check.TLSServerName,
                TCP = check.TCP,
                UDP = check.UDP,
                GRPC = check.GRPC,
                GRPCUseTLS = check.GRPCUseTLS,
                H2PING = check.H2PING,
                Interval = check.Interval,
                Timeout = check.Timeout,
                DeregisterCriticalServiceAfter = check.DeregisterCriticalServiceAfter,
            },
        });
        _runners[id] = new RunnerEntry(runner, canonical, source, reap);
        runner.Start();
    }

    private async Task RemoveCheckCoreAsync(string checkId)
    {
        if (_runners.Remove(checkId, out var entry))
        {
            await entry.Runner.DisposeAsync().ConfigureAwait(false);
        }

        State.RemoveCheck(checkId);
        _persistence.DeleteCheck(checkId);
        _persistence.DeleteCheckState(checkId);
    }

    private async Task RemoveServiceCoreAsync(string serviceId)
    {
        foreach (var check in State.ChecksForService(serviceId, includeNodeChecks: false))
        {
            await RemoveCheckCoreAsync(check.CheckID).ConfigureAwait(false);
        }

        State.RemoveService(serviceId);
        _persistence.DeleteService(serviceId);
    }

    private async Task ReapLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ReapInterval, _time, cancellationToken).ConfigureAwait(false);
                await ReapOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("Reaping critical services failed: {Error}", ex.Message);
            }
        }
    }

    /// <summary>Deregisters every service one of whose checks has been critical longer than its <c>deregister_critical_service_after</c>.</summary>
    internal async Task ReapOnceAsync(CancellationToken cancellationToken)
    {
        var reaped = false;
        await _ops.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            foreach (var (checkId, entry) in _runners.ToList())
            {
                if (entry.ReapAfter is not { } after || State.Check(checkId) is not { ServiceID.Length: > 0 } check)
                {
                    continue;
                }

                if (State.CriticalSince(checkId) is { } since && now - since > after && State.Service(check.ServiceID) is not null)
                {
                    _logger.LogInformation("Check {CheckId} has been critical for too long; deregistered service {ServiceId}", checkId, check.ServiceID);
                    await RemoveServiceCoreAsync(check.ServiceID).ConfigureAwait(false);
                    reaped = true;
                }
            }
        }
        finally
        {
            _ops.Release();
        }

        if (reaped)
        {
            await AntiEntropy.TrySyncChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
