using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Dns.Wire;

namespace Trellis.Dns.Resolution;

public sealed partial class DnsResolver
{
    /// <summary>A, AAAA, CNAME and SRV answers for service instances (shuffled), with the SRV targets' addresses as additional records.</summary>
    private DnsResponse Instances(Lookup ctx, List<ServiceEntry> entries, int ttl)
    {
        Random.Shared.Shuffle(CollectionsMarshal.AsSpan(entries));
        var owner = DomainName.Parse(ctx.Request.Name);
        var type = ctx.Request.Type;
        var answers = new List<DnsRecordBase>();
        var additional = new List<DnsRecordBase>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (type is DnsType.A or DnsType.Aaaa or DnsType.Any or DnsType.Cname)
        {
            foreach (var entry in entries)
            {
                var address = ServiceAddress(entry, ctx.Datacenter);
                if (seen.Add(address))
                {
                    AddAddress(answers, owner, address, ttl, type);
                }
            }

            if (_options.ARecordLimit > 0)
            {
                Limit(answers, _options.ARecordLimit);
            }
        }

        if (type is DnsType.Srv or DnsType.Any)
        {
            foreach (var entry in entries)
            {
                var (target, glue) = SrvTarget(entry, ctx);
                var warning = entry.Checks.Any(c => c.Status == HealthStatus.Warning);
                var weight = warning ? entry.Service.Weights.Warning : entry.Service.Weights.Passing;
                var port = entry.Service.Port;
                answers.Add(new SrvRecord(owner, ttl, 1, (ushort)Math.Clamp(weight, 0, ushort.MaxValue), (ushort)Math.Clamp(port, 0, ushort.MaxValue), target));
                if (glue is not null && seen.Add(target.ToString()))
                {
                    additional.Add(AddressRecord(target, glue, ttl));
                }
            }
        }

        if (answers.Count == 0)
        {
            return NoData(ctx);
        }

        var truncated = false;
        if (ctx.Udp && ctx.Request.EdnsBufferSize is null && _options.UdpAnswerLimit > 0 && answers.Count > _options.UdpAnswerLimit)
        {
            // Consul compat: without EDNS a UDP answer carries at most udp_answer_limit records. Unlike Consul, TC is
            // always set when records were left out (enable_truncate is implied): a client then asks again over TCP.
            Limit(answers, _options.UdpAnswerLimit);
            truncated = true;
        }

        return new DnsResponse { Answers = answers, Additional = additional, Truncated = truncated };
    }

    private static void Limit(List<DnsRecordBase> records, int limit)
    {
        if (records.Count > limit)
        {
            records.RemoveRange(limit, records.Count - limit);
        }
    }

    /// <summary>The SRV target of an instance and the address to give for it as an additional record (null for hostnames).</summary>
    private (DomainName Target, IPAddress? Glue) SrvTarget(ServiceEntry entry, Lookup ctx)
    {
        var nodeAddress = NodeAddress(entry.Node.Address, entry.Node.TaggedAddresses, ctx.Datacenter);
        var address = ServiceAddress(entry, ctx.Datacenter);
        if (address == nodeAddress)
        {
            var target = DomainName.Parse($"{entry.Node.Node}.node.{ctx.Datacenter}.{ctx.Domain}");
            return (target, IPAddress.TryParse(nodeAddress, out var nodeIp) ? nodeIp : null);
        }

        if (IPAddress.TryParse(address, out var ip))
        {
            return (DomainName.Parse($"{DnsNames.ToHex(ip)}.addr.{ctx.Datacenter}.{ctx.Domain}"), ip);
        }

        return (DomainName.Parse(address.TrimEnd('.')), null);
    }

    /// <summary>The service's address (or its node's when empty), the <c>wan</c> tagged one when asked from another datacenter.</summary>
    private string ServiceAddress(ServiceEntry entry, string datacenter)
    {
        var service = entry.Service;
        if (!IsLocal(datacenter) && service.TaggedAddresses is not null && service.TaggedAddresses.TryGetValue("wan", out var wan) && wan.Address.Length > 0)
        {
            return wan.Address;
        }

        return service.Address.Length > 0 ? service.Address : NodeAddress(entry.Node.Address, entry.Node.TaggedAddresses, datacenter);
    }

    private string NodeAddress(string address, IReadOnlyDictionary<string, string>? tagged, string datacenter)
    {
        if (!IsLocal(datacenter) && tagged is not null && tagged.TryGetValue("wan", out var wan) && wan.Length > 0)
        {
            return wan;
        }

        if (tagged is not null && tagged.TryGetValue("lan", out var lan) && lan.Length > 0 && address.Length == 0)
        {
            return lan;
        }

        return address;
    }

    private bool IsLocal(string datacenter) => string.Equals(datacenter, _options.Datacenter, StringComparison.OrdinalIgnoreCase);

    /// <summary>A/AAAA for an IP of the asked family, or a CNAME when <paramref name="address"/> is a hostname (Consul compat).</summary>
    private static void AddAddress(List<DnsRecordBase> answers, DomainName owner, string address, int ttl, ushort type)
    {
        if (IPAddress.TryParse(address, out var ip))
        {
            var v4 = ip.AddressFamily == AddressFamily.InterNetwork;
            if (type == DnsType.Any || (type == DnsType.A && v4) || (type == DnsType.Aaaa && !v4))
            {
                answers.Add(AddressRecord(owner, ip, ttl));
            }

            return;
        }

        if (address.Length > 0 && DomainName.TryParse(address.TrimEnd('.'), out var host) && host is not null)
        {
            answers.Add(new CNameRecord(owner, ttl, host));
        }
    }
}
