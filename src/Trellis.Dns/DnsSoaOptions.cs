namespace Trellis.Dns;

/// <summary><c>dns_config.soa</c>, in seconds, with Consul's defaults.</summary>
public sealed record DnsSoaOptions
{
    public uint Refresh { get; init; } = 3600;

    public uint Retry { get; init; } = 600;

    public uint Expire { get; init; } = 86400;

    public uint MinTtl { get; init; }
}
