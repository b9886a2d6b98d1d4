namespace Trellis.Dns;

/// <summary>
/// The DNS interface's settings: Consul's <c>domain</c>, <c>alt_domain</c>, <c>recursors</c> and <c>dns_config</c>.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record DnsOptions
{
    /// <summary>The authoritative domain, lower case, with a trailing dot (<c>consul.</c>).</summary>
    public string Domain { get; init; } = "consul.";

    /// <summary>A second domain answered the same way (<c>alt_domain</c>), or null.</summary>
    public string? AltDomain { get; init; }

    /// <summary>The agent's datacenter: names without a datacenter label query it.</summary>
    public string Datacenter { get; init; } = "dc1";

    /// <summary>Upstream servers (<c>host</c> or <c>host:port</c>) for names outside the domain.</summary>
    public IReadOnlyList<string> Recursors { get; init; } = [];

    /// <summary><c>dns_config.recursor_strategy</c>: <c>sequential</c> (default) or <c>random</c>.</summary>
    public string RecursorStrategy { get; init; } = "sequential";

    /// <summary><c>dns_config.recursor_timeout</c> per upstream.</summary>
    public TimeSpan RecursorTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>dns_config.allow_stale</c>: reads may come from any server.</summary>
    public bool AllowStale { get; init; } = true;

    /// <summary><c>dns_config.max_stale</c>.</summary>
    public TimeSpan MaxStale { get; init; } = TimeSpan.FromDays(3650);

    /// <summary><c>dns_config.node_ttl</c>.</summary>
    public TimeSpan NodeTtl { get; init; } = TimeSpan.Zero;

    /// <summary><c>dns_config.service_ttl</c>: by service name, exact, <c>prefix*</c> or <c>*</c>.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ServiceTtl { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary><c>dns_config.udp_answer_limit</c>: answers per UDP service lookup without EDNS (Consul default 3).</summary>
    public int UdpAnswerLimit { get; init; } = 3;

    /// <summary><c>dns_config.a_record_limit</c>: A/AAAA answers per lookup, 0 for no limit.</summary>
    public int ARecordLimit { get; init; }

    /// <summary>
    /// <c>dns_config.enable_truncate</c>: accepted for compatibility; TC is always set when a UDP answer leaves records
    /// out (by size or by <see cref="UdpAnswerLimit"/>), since an incomplete answer without TC is Consul's truncation bug.
    /// </summary>
    public bool EnableTruncate { get; init; }

    /// <summary><c>dns_config.only_passing</c>: leave out instances with a warning check too.</summary>
    public bool OnlyPassing { get; init; }

    /// <summary><c>dns_config.disable_compression</c>: no name compression in answers.</summary>
    public bool DisableCompression { get; init; }

    /// <summary><c>dns_config.soa</c>.</summary>
    public DnsSoaOptions Soa { get; init; } = new();

    /// <summary>The TTL of <paramref name="service"/>'s answers per <see cref="ServiceTtl"/>: exact name, then the longest matching prefix, then <c>*</c>.</summary>
    public TimeSpan ServiceTtlFor(string service)
    {
        if (ServiceTtl.Count == 0)
        {
            return TimeSpan.Zero;
        }

        if (ServiceTtl.TryGetValue(service, out var exact))
        {
            return exact;
        }

        var best = -1;
        var ttl = TimeSpan.Zero;
        foreach (var (key, value) in ServiceTtl)
        {
            if (key.EndsWith('*') && service.StartsWith(key[..^1], StringComparison.OrdinalIgnoreCase) && key.Length > best)
            {
                best = key.Length;
                ttl = value;
            }
        }

        return ttl;
    }
}
