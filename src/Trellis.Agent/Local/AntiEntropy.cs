using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trellis.Core.Catalog;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;

namespace Trellis.Agent.Local;

/// <summary>
/// Keeps the catalog's view of this node equal to <see cref="LocalState"/> (Consul's <c>ae.StateSyncer</c> with
/// <c>local.State.SyncFull</c>/<c>SyncChanges</c>): a full sync at start and then every <c>ae_interval</c> (1 minute,
/// scaled up with the cluster size like Consul's <c>aeScale</c>, plus a random stagger) reads the node from the catalog,
/// marks what differs, deletes what only the catalog has (except the <c>consul</c> service and <c>serfHealth</c>) and
/// pushes the differences; every local change triggers a partial sync of just the changed entries.
/// </summary>
/// <remarks>
/// Thread-safe. One background loop runs full and triggered syncs; <see cref="SyncChangesAsync"/> may also be called
/// by HTTP requests (so the catalog has a registration when the request returns). A semaphore serializes all syncs,
/// so the catalog sees changes in order. A failed sync is retried with backoff (1s doubling up to 15s).
/// </remarks>
public sealed class AntiEntropy : IAsyncDisposable
{
    /// <summary>Consul's cluster size above which the full-sync interval grows.</summary>
    public const int ScaleThreshold = 128;

    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(15);

    private readonly LocalState _state;
    private readonly IServerRpc _rpc;
    private readonly AgentIdentity _identity;
    private readonly Func<int> _clusterSize;
    private readonly Func<IReadOnlyDictionary<string, string>> _nodeMeta;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly SemaphoreSlim _trigger = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _fullRequested;

    public AntiEntropy(
        LocalState state,
        IServerRpc rpc,
        AgentIdentity identity,
        TimeSpan interval,
        Func<int> clusterSize,
        Func<IReadOnlyDictionary<string, string>> nodeMeta,
        ILogger? logger = null)
    {
        _state = state;
        _rpc = rpc;
        _identity = identity;
        Interval = interval;
        _clusterSize = clusterSize;
        _nodeMeta = nodeMeta;
        _logger = logger ?? NullLogger.Instance;
        _state.SyncNeeded += Trigger;
    }

    /// <summary>The unscaled full-sync interval (Consul's <c>ae_interval</c>, 1 minute).</summary>
    public TimeSpan Interval { get; }

    /// <summary>Completed full syncs (for tests and diagnostics).</summary>
    public int FullSyncs { get; private set; }

    /// <summary>Consul's <c>aeScale</c>: 1 up to 128 nodes, then 1 + ceil(log2(nodes) - log2(128)).</summary>
    public static int ScaleFactor(int nodes) =>
        nodes <= ScaleThreshold ? 1 : (int)Math.Ceiling(Math.Log2(nodes) - Math.Log2(ScaleThreshold)) + 1;

    /// <summary>The full-sync interval for <paramref name="nodes"/> members (without the stagger).</summary>
    public static TimeSpan Scaled(TimeSpan interval, int nodes) => interval * ScaleFactor(nodes);

    /// <summary>Starts the loop: a full sync at once, then partial syncs on change and full syncs per interval.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Asks the loop for a partial sync soon.</summary>
    public void Trigger()
    {
        try
        {
            if (_trigger.CurrentCount == 0)
            {
                _trigger.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Already triggered, or stopped.
        }
    }

    /// <summary>Asks the loop for a full sync soon (after a reload, or when the servers come back).</summary>
    public void TriggerFull()
    {
        Interlocked.Exchange(ref _fullRequested, 1);
        Trigger();
    }

    /// <summary>
    /// Reads this node from the catalog, marks every local entry in or out of sync, queues the deletion of what only
    /// the catalog has, then pushes the differences.
    /// </summary>
    public async Task SyncFullAsync(CancellationToken cancellationToken)
    {
        await _sync.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var remote = await _rpc.Catalog.NodeServicesAsync(_identity.NodeName, QueryOptions.Default, cancellationToken).ConfigureAwait(false);
            var remoteChecks = await _rpc.Health.NodeChecksAsync(_identity.NodeName, QueryOptions.Default, cancellationToken).ConfigureAwait(false);
            var view = _state.View();
            var nodeInSync = remote.Value is not null && remote.Value.Node.Address == _identity.AdvertiseAddr;
            if (!nodeInSync)
            {
                await RegisterNodeAsync(cancellationToken).ConfigureAwait(false);
            }

            var remoteServices = (remote.Value?.Services ?? []).ToDictionary(s => s.ID, StringComparer.Ordinal);
            var localServiceIds = view.Services.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var serviceMarks = new List<(string, long, bool)>();
            foreach (var item in view.Services.Where(s => !s.Deleted))
            {
                serviceMarks.Add((item.Id, item.Version, nodeInSync && remoteServices.TryGetValue(item.Id, out var r) && LocalCompare.SameService(item.Value, r)));
            }

            var remoteCheckMap = remoteChecks.Value.ToDictionary(c => c.CheckID, StringComparer.Ordinal);
            var localCheckIds = view.Checks.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var checkMarks = new List<(string, long, bool)>();
            foreach (var item in view.Checks.Where(c => !c.Deleted))
            {
                var same = nodeInSync && remoteCheckMap.TryGetValue(item.Id, out var r) && LocalCompare.SameCheck(item.Value, r, ignoreOutput: item.Deferred);
                checkMarks.Add((item.Id, item.Version, same));
            }

            _state.SetInSync(serviceMarks, checkMarks);

            // What only the catalog has goes, except what the servers own for this node.
            foreach (var id in remoteServices.Keys.Where(id => !localServiceIds.Contains(id) && id != CatalogNames.ConsulServiceId))
            {
                _logger.LogInformation("Anti-entropy: deregistering service {ServiceId} that is not registered on this agent", id);
                await _rpc.Catalog.DeregisterAsync(new DeregisterRequest { Node = _identity.NodeName, Datacenter = _identity.Datacenter, ServiceID = id }, null, cancellationToken).ConfigureAwait(false);
            }

            foreach (var check in remoteChecks.Value.Where(c => !localCheckIds.Contains(c.CheckID) && c.CheckID != CatalogNames.SerfCheckId))
            {
                if (check.ServiceID.Length > 0 && !localServiceIds.Contains(check.ServiceID))
                {
                    continue; // gone with its service
                }

                _logger.LogInformation("Anti-entropy: deregistering check {CheckId} that is not registered on this agent", check.CheckID);
                await _rpc.Catalog.DeregisterAsync(new DeregisterRequest { Node = _identity.NodeName, Datacenter = _identity.Datacenter, CheckID = check.CheckID }, null, cancellationToken).ConfigureAwait(false);
            }

            await PushChangesAsync(cancellationToken).ConfigureAwait(false);
            FullSyncs++;
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>Pushes every entry that is out of sync (register) or deleted (deregister). Throws when the servers fail.</summary>
    public async Task SyncChangesAsync(CancellationToken cancellationToken)
    {
        await _sync.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PushChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>Like <see cref="SyncChangesAsync"/> but logs a failure instead of throwing (the loop retries).</summary>
    public async Task TrySyncChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Anti-entropy: sync of changes failed, will retry: {Error}", ex.Message);
            Trigger();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _state.SyncNeeded -= Trigger;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        _stop.Dispose();
    }

    private async Task PushChangesAsync(CancellationToken cancellationToken)
    {
        var view = _state.View();
        var serviceIds = view.Services.Where(s => !s.Deleted).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        // Deleted checks first, then deleted services (their checks go with them), then registrations.
        foreach (var check in view.Checks.Where(c => c.Deleted))
        {
            await _rpc.Catalog.DeregisterAsync(new DeregisterRequest { Node = _identity.NodeName, Datacenter = _identity.Datacenter, CheckID = check.Id }, null, cancellationToken).ConfigureAwait(false);
            _state.Forget(null, check.Id, check.Version);
        }

        foreach (var service in view.Services.Where(s => s.Deleted))
        {
            await _rpc.Catalog.DeregisterAsync(new DeregisterRequest { Node = _identity.NodeName, Datacenter = _identity.Datacenter, ServiceID = service.Id }, null, cancellationToken).ConfigureAwait(false);
            _state.Forget(service.Id, null, service.Version);
        }

        var liveChecks = view.Checks.Where(c => !c.Deleted).ToList();
        foreach (var service in view.Services.Where(s => !s.Deleted))
        {
            var checks = liveChecks.Where(c => c.Value.ServiceID == service.Id).ToList();
            if (service.InSync && checks.All(c => c.InSync))
            {
                continue;
            }

            // Consul compat: a service is synced together with all of its checks.
            await _rpc.Catalog.RegisterAsync(Request(service.Value, checks.Select(c => c.Value).ToList()), service.Token.Length > 0 ? service.Token : null, cancellationToken).ConfigureAwait(false);
            _state.SetInSync([(service.Id, service.Version, true)], checks.Select(c => (c.Id, c.Version, true)));
        }

        foreach (var check in liveChecks.Where(c => !c.InSync && (c.Value.ServiceID.Length == 0 || !serviceIds.Contains(c.Value.ServiceID))))
        {
            if (check.Value.ServiceID.Length > 0)
            {
                continue; // its service is being removed
            }

            await _rpc.Catalog.RegisterAsync(Request(null, [check.Value]), null, cancellationToken).ConfigureAwait(false);
            _state.SetInSync([], [(check.Id, check.Version, true)]);
        }
    }

    private RegisterRequest Request(NodeService? service, IReadOnlyList<HealthCheck> checks) => new()
    {
        Datacenter = _identity.Datacenter,
        ID = _identity.NodeId,
        Node = _identity.NodeName,
        Address = _identity.AdvertiseAddr,
        SkipNodeUpdate = true,
        Service = service,
        Checks = checks,
    };

    private Task RegisterNodeAsync(CancellationToken cancellationToken)
    {
        var address = _identity.AdvertiseAddr;
        return _rpc.Catalog.RegisterAsync(new RegisterRequest
        {
            Datacenter = _identity.Datacenter,
            ID = _identity.NodeId,
            Node = _identity.NodeName,
            Address = address,
            TaggedAddresses = new Dictionary<string, string>
            {
                ["lan"] = address,
                ["lan_ipv4"] = address,
                ["wan"] = address,
                ["wan_ipv4"] = address,
            },
            NodeMeta = _nodeMeta(),
        }, null, cancellationToken);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        var fullDue = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (fullDue || Interlocked.Exchange(ref _fullRequested, 0) == 1)
                {
                    await SyncFullAsync(cancellationToken).ConfigureAwait(false);
                    fullDue = false;
                }
                else
                {
                    await SyncChangesAsync(cancellationToken).ConfigureAwait(false);
                }

                retry = TimeSpan.FromSeconds(1);
                var next = Scaled(Interval, _clusterSize()) + RandomStagger(Interval);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(next);
                try
                {
                    await _trigger.WaitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    fullDue = true;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("Anti-entropy: sync failed, retrying in {Retry}: {Error}", retry, ex.Message);
                try
                {
                    await Task.Delay(retry, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = retry * 2 > MaxRetry ? MaxRetry : retry * 2;
                fullDue = true;
            }
        }
    }

    private static TimeSpan RandomStagger(TimeSpan interval) =>
        interval <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Random.Shared.NextInt64(Math.Max(1, interval.Ticks / 4)));
}
