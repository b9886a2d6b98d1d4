using ARSoft.Tools.Net.Dns;

namespace Trellis.Dns.Wire;

/// <summary>An answer before encoding: the code, the authoritative bit and the three record sections (ARSoft records).</summary>
public sealed record DnsResponse
{
    public byte Rcode { get; init; }

    public bool Authoritative { get; init; } = true;

    /// <summary>Set when records were left out on purpose (<c>udp_answer_limit</c> with <c>enable_truncate</c>).</summary>
    public bool Truncated { get; init; }

    public bool RecursionAvailable { get; init; }

    public IReadOnlyList<DnsRecordBase> Answers { get; init; } = [];

    public IReadOnlyList<DnsRecordBase> Authority { get; init; } = [];

    public IReadOnlyList<DnsRecordBase> Additional { get; init; } = [];
}
