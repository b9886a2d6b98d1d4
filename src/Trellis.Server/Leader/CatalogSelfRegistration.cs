using Trellis.Consensus;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.State.Commands;

namespace Trellis.Server.Leader;

/// <summary>
/// The leader's reconcile of its own member (Consul's <c>handleAliveMember</c> for the server itself): when this server
/// gains leadership it registers its node with the <c>serfHealth</c> check passing and the <c>consul</c> service,
/// retrying with backoff until it succeeds or leadership ends. Until gossip lands it is the only member reconciled.
/// </summary>
/// <remarks>Thread-safe: started from the leadership callback; the attempt runs on the thread pool.</remarks>
public sealed class CatalogSelfRegistration
{
    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;
    private readonly ServerOptions _options;

    public CatalogSelfRegistration(IRaftNode raft, TimeProvider time, ServerOptions options)
    {
        _raft = raft;
        _time = time;
        _options = options;
    }

    /// <summary>Raised after this server's node was registered (for tests and readiness).</summary>
    public event Action? Registered;

    /// <summary>The request the leader proposes for its own node.</summary>
    public RegisterRequest Request() => new()
    {
        Datacenter = _options.Datacenter,
        ID = _options.NodeId,
        Node = _options.NodeName,
        Address = _options.AdvertiseAddress,
        TaggedAddresses = new Dictionary<string, string>
        {
            ["lan"] = _options.AdvertiseAddress,
            ["lan_ipv4"] = _options.AdvertiseAddress,
            ["wan"] = _options.AdvertiseAddress,
            ["wan_ipv4"] = _options.AdvertiseAddress,
        },
        NodeMeta = Meta(),
        Service = new NodeService
        {
            ID = CatalogNames.ConsulServiceId,
            Service = CatalogNames.ConsulServiceName,
            Port = _options.ServerPort,
            Tags = [],
            Weights = ServiceWeights.Default,
            Meta = new Dictionary<string, string>
            {
                ["non_voter"] = "false",
                ["read_replica"] = "false",
                ["raft_version"] = "3",
                ["serf_protocol_current"] = "2",
                ["serf_protocol_min"] = "1",
                ["serf_protocol_max"] = "5",
                ["version"] = _options.Version,
            },
        },
        Checks =
        [
            new HealthCheck
            {
                Node = _options.NodeName,
                CheckID = CatalogNames.SerfCheckId,
                Name = CatalogNames.SerfCheckName,
                Status = HealthStatus.Passing,
                Output = CatalogNames.SerfCheckAliveOutput,
            },
        ],
    };

    /// <summary>Starts registering for one term of leadership.</summary>
    public void Start(CancellationToken leadership)
    {
        if (_options.RegisterSelf)
        {
            _ = Task.Run(() => RegisterAsync(leadership), CancellationToken.None);
        }
    }

    private Task RegisterAsync(CancellationToken leadership) => LeaderRetry.RunAsync(async token =>
    {
        var result = await _raft.ApplyAsync(
            new CatalogRegisterCommand(Request(), _time.GetUtcNow().ToUnixTimeMilliseconds()), token).ConfigureAwait(false);
        if (result is not null)
        {
            return false;
        }

        Registered?.Invoke();
        return true;
    }, _time, leadership);

    private Dictionary<string, string> Meta()
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CatalogNames.MetaSegmentKey] = "",
            [CatalogNames.MetaConsulVersion] = _options.Version,
        };
        foreach (var (key, value) in _options.NodeMeta ?? new Dictionary<string, string>())
        {
            meta[key] = value;
        }

        return meta;
    }

}
