namespace Trellis.Core.PreparedQueries;

/// <summary>Consul's <c>QueryDNSOptions</c>: how the results are served over DNS.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record QueryDnsOptions
{
    /// <summary>A Go duration ("10s"); "" uses the agent's service TTL.</summary>
    public string TTL { get; init; } = "";

    /// <summary>The TTL as a duration (for the DNS server); null when unset or not a Go duration.</summary>
    public TimeSpan? TtlValue() => !string.IsNullOrEmpty(TTL) && Formats.GoDuration.TryParse(TTL, out var ttl) && ttl >= TimeSpan.Zero ? ttl : null;
}
