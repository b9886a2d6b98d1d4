namespace Trellis.Dns.Wire;

/// <summary>
/// The outcome of reading a packet: a request to answer, an error code to send back (with whatever of the header and
/// question could be read), or nothing at all (too short to answer, or not a query).
/// </summary>
public sealed record DnsParseResult
{
    public DnsRequest? Request { get; init; }

    /// <summary>Set when the packet must be answered with this code and no lookup.</summary>
    public byte? ErrorCode { get; init; }

    /// <summary>True when nothing must be sent back.</summary>
    public bool Drop { get; init; }
}
