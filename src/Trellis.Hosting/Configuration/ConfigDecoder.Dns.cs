using Trellis.Core.Hcl;
using Trellis.Dns;

namespace Trellis.Hosting.Configuration;

/// <summary>The DNS keys: <c>domain</c>, <c>alt_domain</c>, <c>recursors</c>, <c>addresses.dns</c> and <c>dns_config</c>.</summary>
internal sealed partial class ConfigDecoder
{
    private static readonly HashSet<string> IgnoredAddresses = new(StringComparer.Ordinal) { "http", "https", "grpc", "grpc_tls" };

    private static readonly HashSet<string> IgnoredDnsConfig = new(StringComparer.Ordinal)
    {
        "enable_additional_node_meta_txt", "prefer_namespace", "use_cache", "cache_max_age",
    };

    /// <summary>Applies a merged fragment's DNS settings onto <paramref name="dns"/>.</summary>
    internal static DnsOptions ApplyDns(DnsOptions dns, ConfigFragment f)
    {
        var result = dns with
        {
            Domain = f.Domain ?? dns.Domain,
            AltDomain = f.AltDomain ?? dns.AltDomain,
            Recursors = f.Recursors.Count > 0 ? f.Recursors : dns.Recursors,
        };
        foreach (var edit in f.DnsConfig)
        {
            result = edit(result);
        }

        return result;
    }

    private string DnsDomain(HclValue value, string key)
    {
        var domain = String(value, key).Trim().ToLowerInvariant().TrimEnd('.');
        if (domain.Length == 0 || domain.Split('.').Any(l => l.Length is 0 or > 63))
        {
            throw Error(value.Line, key, $"{key}: invalid domain \"{domain}\"");
        }

        return domain + ".";
    }

    private IReadOnlyList<string> Recursors(HclValue value, string key)
    {
        var list = StringList(value, key);
        foreach (var recursor in list)
        {
            try
            {
                Trellis.Dns.Server.DnsRecursor.Parse(recursor);
            }
            catch (FormatException ex)
            {
                throw Error(value.Line, key, $"{key}: {ex.Message}");
            }
        }

        return list;
    }

    private ConfigFragment DecodeAddress(ConfigFragment f, string key, HclValue value, string path) => key switch
    {
        "dns" => f with { DnsAddr = Address(value, path) },
        _ => throw new KeyNotFoundException(),
    };

    private string Address(HclValue value, string key)
    {
        var text = String(value, key);
        return System.Net.IPAddress.TryParse(text, out _) ? text : throw Error(value.Line, key, $"{key}: invalid IP address \"{text}\"");
    }

    private ConfigFragment DecodeDnsConfig(ConfigFragment f, string key, HclValue value, string path)
    {
        Func<DnsOptions, DnsOptions> edit = key switch
        {
            "allow_stale" => Set(Bool(value, path), (o, v) => o with { AllowStale = v }),
            "max_stale" => Set(Duration(value, path), (o, v) => o with { MaxStale = v }),
            "node_ttl" => Set(Duration(value, path), (o, v) => o with { NodeTtl = v }),
            "service_ttl" => Set(ServiceTtl(value, path), (o, v) => o with { ServiceTtl = v }),
            "udp_answer_limit" => Set(PositiveInt(value, path), (o, v) => o with { UdpAnswerLimit = v }),
            "a_record_limit" => Set(NonNegativeInt(value, path), (o, v) => o with { ARecordLimit = v }),
            "enable_truncate" => Set(Bool(value, path), (o, v) => o with { EnableTruncate = v }),
            "only_passing" => Set(Bool(value, path), (o, v) => o with { OnlyPassing = v }),
            "recursor_strategy" => Set(RecursorStrategy(value, path), (o, v) => o with { RecursorStrategy = v }),
            "recursor_timeout" => Set(Duration(value, path), (o, v) => o with { RecursorTimeout = v }),
            "disable_compression" => Set(Bool(value, path), (o, v) => o with { DisableCompression = v }),
            "soa" => Soa(value, path),
            _ => throw new KeyNotFoundException(),
        };
        return f with { DnsConfig = [.. f.DnsConfig, edit] };
    }

    private static Func<DnsOptions, DnsOptions> Set<T>(T value, Func<DnsOptions, T, DnsOptions> apply) => o => apply(o, value);

    private Func<DnsOptions, DnsOptions> Soa(HclValue value, string path)
    {
        var objects = value switch
        {
            HclObject o => [o],
            HclList l when l.Items.All(i => i is HclObject) => l.Items.Cast<HclObject>().ToArray(),
            _ => throw TypeError(value, path, "object"),
        };
        var edits = new List<Func<DnsSoaOptions, DnsSoaOptions>>();
        foreach (var obj in objects)
        {
            foreach (var (key, item) in obj.Entries)
            {
                var itemPath = $"{path}.{key}";
                var seconds = (uint)NonNegativeInt(item, itemPath);
                edits.Add(key switch
                {
                    "refresh" => s => s with { Refresh = seconds },
                    "retry" => s => s with { Retry = seconds },
                    "expire" => s => s with { Expire = seconds },
                    "min_ttl" => s => s with { MinTtl = seconds },
                    _ => throw Error(obj.PositionOf(key).Line, itemPath, $"invalid config key {itemPath}"),
                });
            }
        }

        return o => o with { Soa = edits.Aggregate(o.Soa, (soa, e) => e(soa)) };
    }

    private IReadOnlyDictionary<string, TimeSpan> ServiceTtl(HclValue value, string path)
    {
        if (value is not HclObject obj)
        {
            throw TypeError(value, path, "object");
        }

        return obj.Entries.ToDictionary(e => e.Key, e => Duration(e.Value, $"{path}.{e.Key}"), StringComparer.OrdinalIgnoreCase);
    }

    private string RecursorStrategy(HclValue value, string path)
    {
        var text = String(value, path);
        return text is "sequential" or "random" ? text : throw Error(value.Line, path, $"{path}: invalid recursor strategy \"{text}\"");
    }

    private int NonNegativeInt(HclValue value, string key)
    {
        var n = Int(value, key);
        return n is < 0 or > int.MaxValue
            ? throw Error(value.Line, key, $"{key}: {n} is out of range: must be between 0 and {int.MaxValue}")
            : (int)n;
    }
}
