using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.Agent.Local;

/// <summary>
/// The services and checks of this agent with their sync state (Consul's <c>agent/local.State</c>): the truth for
/// this node, which anti-entropy copies into the catalog. Each entry is in sync or not and may be marked deleted until
/// the catalog has forgotten it. Check results that only change the output are held back for
/// <c>check_update_interval</c>; a status change is out of sync at once.
/// </summary>
/// <remarks>
/// Thread-safe: one lock guards all entries; callers are HTTP requests, check runners (<see cref="UpdateCheck"/>), the
/// anti-entropy loop and timers. <see cref="Changed"/> is raised outside the lock. Readers get immutable records.
/// </remarks>
public sealed class LocalState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServiceEntry> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CheckEntry> _checks = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _index = 1;
    private long _version;

    public LocalState(string nodeName, TimeProvider? time = null)
    {
        NodeName = nodeName;
        _time = time ?? TimeProvider.System;
    }

    public string NodeName { get; }

    /// <summary><c>check_update_interval</c>: how long an output-only change waits before it is synced (0: at once).</summary>
    public TimeSpan CheckUpdateInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Raised (outside the lock) when an entry went out of sync: anti-entropy should sync soon.</summary>
    public event Action? SyncNeeded;

    /// <summary>Grows with every local change (register, deregister, check result); watchers wait for it to pass a value.</summary>
    public ulong Index
    {
        get
        {
            lock (_gate)
            {
                return _index;
            }
        }
    }

    public void AddService(NodeService service, string token = "")
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            _services[service.ID] = new ServiceEntry(service with { CreateIndex = 0, ModifyIndex = 0 }, token, ++_version);

            // Checks of the service carry its name and tags.
            foreach (var (id, entry) in _checks)
            {
                if (!entry.Deleted && entry.Check.ServiceID == service.ID)
                {
                    entry.Check = entry.Check with { ServiceName = service.Service, ServiceTags = service.Tags ?? [] };
                    entry.InSync = false;
                    entry.Version = ++_version;
                }
            }

            ChangedLocked();
        }

        SyncNeeded?.Invoke();
    }

    /// <summary>Marks the service deleted (kept until the catalog forgot it); false when it is not registered.</summary>
    public bool RemoveService(string id)
    {
        lock (_gate)
        {
            if (!_services.TryGetValue(id, out var entry) || entry.Deleted)
            {
                return false;
            }

            entry.Deleted = true;
            entry.InSync = false;
            entry.Version = ++_version;
            ChangedLocked();
        }

        SyncNeeded?.Invoke();
        return true;
    }

    public NodeService? Service(string id)
    {
        lock (_gate)
        {
            return _services.TryGetValue(id, out var e) && !e.Deleted ? e.Service : null;
        }
    }

    /// <summary>Every live service, sorted by ID.</summary>
    public IReadOnlyList<NodeService> Services()
    {
        lock (_gate)
        {
            return _services.Values.Where(e => !e.Deleted).Select(e => e.Service).OrderBy(s => s.ID, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// Adds or replaces a check. Its service (when set) must be registered: its name and tags are filled in. Throws
    /// <see cref="InvalidOperationException"/> otherwise.
    /// </summary>
    public void AddCheck(HealthCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        lock (_gate)
        {
            if (check.ServiceID.Length > 0)
            {
                if (!_services.TryGetValue(check.ServiceID, out var service) || service.Deleted)
                {
                    throw new InvalidOperationException($"ServiceID \"{check.ServiceID}\" does not exist");
                }

                check = check with { ServiceName = service.Service.Service, ServiceTags = service.Service.Tags ?? [] };
            }

            if (_checks.TryGetValue(check.CheckID, out var old))
            {
                old.CancelDefer();
            }

            var entry = new CheckEntry(check with { Node = NodeName, CreateIndex = 0, ModifyIndex = 0 }, ++_version);
            if (check.Status == HealthStatus.Critical)
            {
                entry.CriticalSince = old is { Deleted: false, CriticalSince: not null } && old.Check.Status == HealthStatus.Critical
                    ? old.CriticalSince
                    : _time.GetUtcNow();
            }

            _checks[check.CheckID] = entry;
            ChangedLocked();
        }

        SyncNeeded?.Invoke();
    }

    /// <summary>Marks the check deleted; false when it is not registered.</summary>
    public bool RemoveCheck(string id)
    {
        lock (_gate)
        {
            if (!_checks.TryGetValue(id, out var entry) || entry.Deleted)
            {
                return false;
            }

            entry.CancelDefer();
            entry.Deleted = true;
            entry.InSync = false;
            entry.Version = ++_version;
            ChangedLocked();
        }

        SyncNeeded?.Invoke();
        return true;
    }

    public HealthCheck? Check(string id)
    {
        lock (_gate)
        {
            return _checks.TryGetValue(id, out var e) && !e.Deleted ? e.Check : null;
        }
    }

    /// <summary>Every live check, sorted by ID.</summary>
    public IReadOnlyList<HealthCheck> Checks()
    {
        lock (_gate)
        {
            return _checks.Values.Where(e => !e.Deleted).Select(e => e.Check).OrderBy(c => c.CheckID, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The checks of a service, and with <paramref name="includeNodeChecks"/> the node-level ones too.</summary>
    public IReadOnlyList<HealthCheck> ChecksForService(string serviceId, bool includeNodeChecks)
    {
        lock (_gate)
        {
            return _checks.Values
                .Where(e => !e.Deleted && (e.Check.ServiceID == serviceId || (includeNodeChecks && e.Check.ServiceID.Length == 0)))
                .Select(e => e.Check)
                .OrderBy(c => c.CheckID, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>When the check turned critical (null when it is not critical or not registered).</summary>
    public DateTimeOffset? CriticalSince(string id)
    {
        lock (_gate)
        {
            return _checks.TryGetValue(id, out var e) && !e.Deleted && e.Check.Status == HealthStatus.Critical ? e.CriticalSince : null;
        }
    }

    /// <summary>
    /// A check result (Consul's <c>UpdateCheck</c>): a status change is out of sync at once; an output-only change is
    /// stored at once but synced after <see cref="CheckUpdateInterval"/> (coalescing chatty checks). Unknown ids are ignored.
    /// </summary>
    public void UpdateCheck(string id, string status, string output)
    {
        var notify = false;
        lock (_gate)
        {
            if (!_checks.TryGetValue(id, out var entry) || entry.Deleted)
            {
                return;
            }

            var check = entry.Check;
            if (check.Status == status && check.Output == output)
            {
                return;
            }

            if (check.Status != status)
            {
                entry.CriticalSince = status == HealthStatus.Critical ? _time.GetUtcNow() : null;
            }

            var interval = CheckUpdateInterval;
            entry.Check = check with { Status = status, Output = output };
            entry.Version = ++_version;
            ChangedLocked();
            if (check.Status == status && interval > TimeSpan.Zero)
            {
                // Output only: sync once the interval has passed (one timer per check at a time).
                entry.Defer ??= _time.CreateTimer(_ => DeferredSync(id), null, interval, Timeout.InfiniteTimeSpan);
                return;
            }

            entry.CancelDefer();
            entry.InSync = false;
            notify = true;
        }

        if (notify)
        {
            SyncNeeded?.Invoke();
        }
    }

    /// <summary>Waits until <see cref="Index"/> is greater than <paramref name="index"/> or <paramref name="timeout"/> passes.</summary>
    public async Task<ulong> WaitForChangeAsync(ulong index, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_index > index)
                {
                    return _index;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Index;
            }
        }
    }

    /// <summary>Everything anti-entropy needs, copied under the lock.</summary>
    internal SyncView View()
    {
        lock (_gate)
        {
            return new SyncView(
                _services.Values.Select(e => new SyncItem<NodeService>(e.Service.ID, e.Service, e.Token, e.InSync, e.Deleted, e.Version, false)).ToList(),
                _checks.Values.Select(e => new SyncItem<HealthCheck>(e.Check.CheckID, e.Check, "", e.InSync, e.Deleted, e.Version, e.Defer is not null)).ToList());
        }
    }

    /// <summary>Marks entries in or out of sync after a comparison with the catalog, unless they changed meanwhile.</summary>
    internal void SetInSync(IEnumerable<(string Id, long Version, bool InSync)> services, IEnumerable<(string Id, long Version, bool InSync)> checks)
    {
        lock (_gate)
        {
            foreach (var (id, version, inSync) in services)
            {
                if (_services.TryGetValue(id, out var e) && e.Version == version)
                {
                    e.InSync = inSync;
                }
            }

            foreach (var (id, version, inSync) in checks)
            {
                if (_checks.TryGetValue(id, out var e) && e.Version == version)
                {
                    e.InSync = inSync;
                }
            }
        }
    }

    /// <summary>After the catalog dropped a deleted service, forgets it (unless re-added meanwhile).</summary>
    internal void Forget(string? serviceId, string? checkId, long version)
    {
        lock (_gate)
        {
            if (serviceId is not null && _services.TryGetValue(serviceId, out var s) && s.Deleted && s.Version == version)
            {
                _services.Remove(serviceId);
            }

            if (checkId is not null && _checks.TryGetValue(checkId, out var c) && c.Deleted && c.Version == version)
            {
                _checks.Remove(checkId);
            }
        }
    }

    /// <summary>Marks every entry out of sync (the next sync sends all of it).</summary>
    internal void MarkAllOutOfSync()
    {
        lock (_gate)
        {
            foreach (var e in _services.Values)
            {
                e.InSync = false;
            }

            foreach (var e in _checks.Values)
            {
                e.InSync = false;
            }
        }
    }

    private void DeferredSync(string id)
    {
        lock (_gate)
        {
            if (!_checks.TryGetValue(id, out var entry) || entry.Defer is null)
            {
                return;
            }

            entry.CancelDefer();
            entry.InSync = false;
        }

        SyncNeeded?.Invoke();
    }

    private void ChangedLocked()
    {
        _index++;
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    private sealed class ServiceEntry(NodeService service, string token, long version)
    {
        public NodeService Service { get; } = service;

        public string Token { get; } = token;

        public bool InSync { get; set; }

        public bool Deleted { get; set; }

        public long Version { get; set; } = version;
    }

    private sealed class CheckEntry(HealthCheck check, long version)
    {
        public HealthCheck Check { get; set; } = check;

        public bool InSync { get; set; }

        public bool Deleted { get; set; }

        public long Version { get; set; } = version;

        public DateTimeOffset? CriticalSince { get; set; }

        public ITimer? Defer { get; set; }

        public void CancelDefer()
        {
            Defer?.Dispose();
            Defer = null;
        }
    }
}
