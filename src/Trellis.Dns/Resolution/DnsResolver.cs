using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Dns.Wire;

namespace Trellis.Dns.Resolution;

/// <summary>
/// Answers names under the domain (and the alt domain) from the catalog, as Consul's DNS interface does: node,
/// service, RFC 2782, connect, prepared query, addr and reverse lookups, SOA and NS at the apex, NXDOMAIN with the
/// SOA in the authority section. Reads go through <see cref="IServerRpc"/> (stale allowed per <c>dns_config</c>).
/// </summary>
/// <remarks>Thread-safe: holds no mutable state; any number of lookups run at once.</remarks>
public sealed partial class DnsResolver
{
    private static readonly string[] Kinds = ["node", "service", "connect", "query", "addr"];

    private readonly IServerRpc _rpc;
    private readonly DnsOptions _options;
    private readonly IPreparedQueryDns? _queries;
    private readonly string[] _domains;
    private readonly Server.DnsRecursor? _recursor;

    public DnsResolver(IServerRpc rpc, DnsOptions options, IPreparedQueryDns? preparedQueries = null)
    {
        _rpc = rpc;
        _recursor = options.Recursors.Count > 0 ? new Server.DnsRecursor(options) : null;
        _options = options;
        _queries = preparedQueries;
        _domains = new[] { options.Domain, options.AltDomain }
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => d!.Trim('.').ToLowerInvariant())
            .ToArray();
    }

    /// <summary>
    /// Answers <paramref name="request"/>, or returns null when the name is neither under the domain nor a reverse
    /// name we know (the caller then recurses or refuses).
    /// </summary>
    public async Task<DnsResponse?> ResolveAsync(DnsRequest request, bool udp, CancellationToken cancellationToken)
    {
        var name = request.Name;
        var lower = name.ToLowerInvariant();
        if (lower.EndsWith(".in-addr.arpa", StringComparison.Ordinal) || lower.EndsWith(".ip6.arpa", StringComparison.Ordinal))
        {
            return await ReverseAsync(request, lower, cancellationToken);
        }

        string? domain = null;
        foreach (var d in _domains)
        {
            if (lower.EndsWith(d, StringComparison.Ordinal) && (lower.Length == d.Length || lower[lower.Length - d.Length - 1] == '.'))
            {
                domain = d;
                break;
            }
        }

        if (domain is null)
        {
            return null;
        }

        var labels = lower.Length == domain.Length ? [] : lower[..(lower.Length - domain.Length - 1)].Split('.');
        var ctx = new Lookup(request, domain, udp) { Datacenter = _options.Datacenter };
        if (labels.Length == 0)
        {
            return await ApexAsync(ctx, cancellationToken);
        }

        var kindAt = Array.FindLastIndex(labels, l => Kinds.Contains(l));
        if (kindAt <= 0 || labels.Length - kindAt > 2)
        {
            return NameError(ctx);
        }

        var datacenter = kindAt == labels.Length - 1 ? _options.Datacenter : labels[kindAt + 1];
        if (!await KnownDatacenterAsync(datacenter, cancellationToken))
        {
            return NameError(ctx);
        }

        ctx = ctx with { Datacenter = datacenter };
        var head = labels[..kindAt];
        return labels[kindAt] switch
        {
            "node" when head.Length == 1 => await NodeAsync(ctx, head[0], cancellationToken),
            "service" when head.Length == 1 => await ServiceAsync(ctx, head[0], null, connect: false, cancellationToken),
            "service" when head.Length == 2 && head[0].StartsWith('_') && head[1].StartsWith('_') =>
                // RFC 2782: _service._tag; Consul compat: _tcp means any tag.
                await ServiceAsync(ctx, head[0][1..], head[1] == "_tcp" ? null : head[1][1..], connect: false, cancellationToken),
            "service" when head.Length == 2 => await ServiceAsync(ctx, head[1], head[0], connect: false, cancellationToken),
            "connect" when head.Length == 1 => await ServiceAsync(ctx, head[0], null, connect: true, cancellationToken),
            "query" when head.Length == 1 => await PreparedQueryAsync(ctx, name.Split('.')[0], cancellationToken),
            "addr" when head.Length == 1 => Addr(ctx, head[0]),
            _ => NameError(ctx),
        };
    }

    private async Task<bool> KnownDatacenterAsync(string datacenter, CancellationToken cancellationToken)
    {
        if (string.Equals(datacenter, _options.Datacenter, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var known = await _rpc.Catalog.DatacentersAsync(cancellationToken);
        return known.Contains(datacenter, StringComparer.OrdinalIgnoreCase);
    }

    private QueryOptions ReadOptions(string datacenter) => new()
    {
        Consistency = _options.AllowStale ? ConsistencyMode.Stale : ConsistencyMode.Default,
        MaxStaleDuration = _options.MaxStale,
        Datacenter = string.Equals(datacenter, _options.Datacenter, StringComparison.OrdinalIgnoreCase) ? null : datacenter,
    };

    private async Task<DnsResponse> ApexAsync(Lookup ctx, CancellationToken cancellationToken)
    {
        var type = ctx.Request.Type;
        var answers = new List<DnsRecordBase>();
        var additional = new List<DnsRecordBase>();
        if (type is DnsType.Soa or DnsType.Any)
        {
            answers.Add(Soa(ctx));
        }

        if (type is DnsType.Ns or DnsType.Any)
        {
            var (ns, glue) = await NameServersAsync(ctx, cancellationToken);
            answers.AddRange(ns);
            additional.AddRange(glue);
        }

        return answers.Count == 0 ? NoData(ctx) : new DnsResponse { Answers = answers, Additional = additional };
    }

    /// <summary>The servers of the datacenter (instances of the <c>consul</c> service) as NS records with their A/AAAA as glue.</summary>
    private async Task<(List<DnsRecordBase> Ns, List<DnsRecordBase> Glue)> NameServersAsync(Lookup ctx, CancellationToken cancellationToken)
    {
        var servers = await _rpc.Catalog.ServiceNodesAsync("consul", [], connect: false, ReadOptions(ctx.Datacenter), cancellationToken);
        var ns = new List<DnsRecordBase>();
        var glue = new List<DnsRecordBase>();
        var apex = DomainName.Parse(ctx.Domain);
        foreach (var server in servers.Value)
        {
            var target = DomainName.Parse($"{server.Node}.node.{ctx.Datacenter}.{ctx.Domain}");
            ns.Add(new NsRecord(apex, Ttl(_options.NodeTtl), target));
            if (IPAddress.TryParse(server.Address, out var ip))
            {
                glue.Add(AddressRecord(target, ip, Ttl(_options.NodeTtl)));
            }
        }

        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ns));
        return (ns, glue);
    }

    private async Task<DnsResponse> NodeAsync(Lookup ctx, string node, CancellationToken cancellationToken)
    {
        var result = await _rpc.Catalog.NodeServicesAsync(node, ReadOptions(ctx.Datacenter), cancellationToken);
        if (result.Value is null)
        {
            return NameError(ctx);
        }

        var owner = DomainName.Parse(ctx.Request.Name);
        var ttl = Ttl(_options.NodeTtl);
        var type = ctx.Request.Type;
        var answers = new List<DnsRecordBase>();
        var additional = new List<DnsRecordBase>();
        var address = NodeAddress(result.Value.Node.Address, result.Value.Node.TaggedAddresses, ctx.Datacenter);
        if (type is DnsType.A or DnsType.Aaaa or DnsType.Any or DnsType.Cname)
        {
            AddAddress(answers, owner, address, ttl, type);
        }

        if (type is DnsType.Txt or DnsType.Any)
        {
            var meta = result.Value.Node.Meta;
            if (meta is { Count: > 0 })
            {
                foreach (var (key, value) in meta.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    // Consul compat: keys with the rfc1035- prefix are answered as the bare value.
                    var text = key.StartsWith("rfc1035-", StringComparison.Ordinal) ? value : $"{key}={value}";
                    (type == DnsType.Txt ? answers : answers).Add(new TxtRecord(owner, ttl, text));
                }
            }
        }

        return answers.Count == 0 ? NoData(ctx) : new DnsResponse { Answers = answers, Additional = additional };
    }

    private async Task<DnsResponse> ServiceAsync(Lookup ctx, string service, string? tag, bool connect, CancellationToken cancellationToken)
    {
        var result = await _rpc.Health.ServiceNodesAsync(
            service, tag is null ? [] : [tag], _options.OnlyPassing, connect, ReadOptions(ctx.Datacenter), cancellationToken);
        var healthy = result.Value.Where(Healthy).ToList();
        if (healthy.Count == 0)
        {
            return NameError(ctx);
        }

        var response = Instances(ctx, healthy, Ttl(_options.ServiceTtlFor(service)));
        return await FollowCnamesAsync(ctx, response, cancellationToken);
    }

    /// <summary>
    /// Consul compat: with recursors, the A/AAAA records of a hostname service address are looked up and added after
    /// its CNAME (at most 5 names).
    /// </summary>
    private async Task<DnsResponse> FollowCnamesAsync(Lookup ctx, DnsResponse response, CancellationToken cancellationToken)
    {
        if (_recursor is null || ctx.Request.Type is not (DnsType.A or DnsType.Aaaa))
        {
            return response;
        }

        var targets = response.Answers.OfType<CNameRecord>().Select(c => c.CanonicalName.ToString(false).TrimEnd('.')).Distinct(StringComparer.OrdinalIgnoreCase).Take(5).ToList();
        if (targets.Count == 0)
        {
            return response;
        }

        var answers = response.Answers.ToList();
        foreach (var target in targets)
        {
            answers.AddRange(await _recursor.LookupAddressesAsync(target, ctx.Request.Type, cancellationToken));
        }

        return response with { Answers = answers };
    }

    private async Task<DnsResponse> PreparedQueryAsync(Lookup ctx, string query, CancellationToken cancellationToken)
    {
        if (_queries is null)
        {
            return NameError(ctx);
        }

        var result = await _queries.ExecuteAsync(query, ctx.Datacenter, cancellationToken);
        if (result is null || result.Nodes.Count == 0)
        {
            return NameError(ctx);
        }

        var ttl = result.Ttl ?? _options.ServiceTtlFor(result.Nodes[0].Service.Service);
        var dc = string.IsNullOrEmpty(result.Datacenter) ? ctx.Datacenter : result.Datacenter;
        return Instances(ctx with { Datacenter = dc }, result.Nodes.ToList(), Ttl(ttl));
    }

    /// <summary>Healthy as Consul's DNS sees it: no critical (or maintenance) check; with only_passing no warning either.</summary>
    private bool Healthy(ServiceEntry entry) => entry.Checks.All(c =>
        c.Status == HealthStatus.Passing || (!_options.OnlyPassing && c.Status == HealthStatus.Warning));

    private DnsResponse Addr(Lookup ctx, string hex)
    {
        var ip = DnsNames.FromHex(hex);
        if (ip is null)
        {
            return NameError(ctx);
        }

        var want = ip.AddressFamily == AddressFamily.InterNetwork ? DnsType.A : DnsType.Aaaa;
        if (ctx.Request.Type != want && ctx.Request.Type != DnsType.Any)
        {
            return NoData(ctx);
        }

        return new DnsResponse { Answers = [AddressRecord(DomainName.Parse(ctx.Request.Name), ip, Ttl(_options.NodeTtl))] };
    }

    private async Task<DnsResponse?> ReverseAsync(DnsRequest request, string lower, CancellationToken cancellationToken)
    {
        var ipv6 = lower.EndsWith(".ip6.arpa", StringComparison.Ordinal);
        var labels = lower[..(lower.Length - (ipv6 ? ".ip6.arpa".Length : ".in-addr.arpa".Length))].Split('.');
        var ip = DnsNames.FromReverse(labels, ipv6);
        if (ip is null)
        {
            return null;
        }

        var ctx = new Lookup(request, _domains[0], Udp: false) { Datacenter = _options.Datacenter };
        var owner = DomainName.Parse(request.Name);
        var answers = new List<DnsRecordBase>();
        var nodes = await _rpc.Catalog.NodesAsync(ReadOptions(_options.Datacenter), cancellationToken);
        foreach (var node in nodes.Value)
        {
            if (SameAddress(node.Address, ip) || (node.TaggedAddresses?.Values.Any(a => SameAddress(a, ip)) ?? false))
            {
                answers.Add(new PtrRecord(owner, Ttl(_options.NodeTtl), DomainName.Parse($"{node.Node}.node.{node.Datacenter}.{ctx.Domain}")));
            }
        }

        if (answers.Count == 0)
        {
            var services = await _rpc.Health.ServiceDumpAsync(ReadOptions(_options.Datacenter), cancellationToken);
            foreach (var name in services.Value.Where(e => SameAddress(e.Service.Address, ip)).Select(e => e.Service.Service).Distinct(StringComparer.Ordinal))
            {
                answers.Add(new PtrRecord(owner, Ttl(_options.ServiceTtlFor(name)), DomainName.Parse($"{name}.service.{ctx.Domain}")));
            }
        }

        if (answers.Count == 0)
        {
            // Not ours: a recursor may know it.
            return null;
        }

        if (request.Type is not (DnsType.Ptr or DnsType.Any))
        {
            return NoData(ctx);
        }

        return new DnsResponse { Answers = answers };
    }

    private static bool SameAddress(string text, IPAddress ip) => IPAddress.TryParse(text, out var parsed) && parsed.Equals(ip);

    private static int Ttl(TimeSpan ttl) => (int)Math.Clamp(ttl.TotalSeconds, 0, int.MaxValue);

    private static DnsRecordBase AddressRecord(DomainName owner, IPAddress ip, int ttl) =>
        ip.AddressFamily == AddressFamily.InterNetwork ? new ARecord(owner, ttl, ip) : new AaaaRecord(owner, ttl, ip);

    private DnsResponse NameError(Lookup ctx) =>
        new() { Rcode = DnsRcode.NxDomain, Authority = [Soa(ctx)] };

    private DnsResponse NoData(Lookup ctx) => new() { Authority = [Soa(ctx)] };

    private SoaRecord Soa(Lookup ctx)
    {
        var soa = _options.Soa;
        return new SoaRecord(
            DomainName.Parse(ctx.Domain),
            (int)soa.MinTtl,
            DomainName.Parse("ns." + ctx.Domain),
            DomainName.Parse("hostmaster." + ctx.Domain),
            // Consul compat: the serial is the current Unix time.
            (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            (int)soa.Refresh,
            (int)soa.Retry,
            (int)soa.Expire,
            (int)soa.MinTtl);
    }

    /// <summary>One lookup's context: the request, the domain it was asked under, the datacenter and transport.</summary>
    private sealed record Lookup(DnsRequest Request, string Domain, bool Udp)
    {
        public string Datacenter { get; init; } = "";
    }
}
