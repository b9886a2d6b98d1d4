namespace Trellis.Dns.Wire;

/// <summary>A query as read off the wire: one question, the header bits we echo, and the EDNS0 buffer size.</summary>
public sealed record DnsRequest
{
    public ushort Id { get; init; }

    public byte Opcode { get; init; }

    public bool RecursionDesired { get; init; }

    public bool CheckingDisabled { get; init; }

    /// <summary>The question name as asked (case kept), without the trailing dot; empty for the root.</summary>
    public string Name { get; init; } = "";

    public ushort Type { get; init; }

    public ushort Class { get; init; }

    /// <summary>The EDNS0 UDP payload size, or null when the query has no OPT record.</summary>
    public ushort? EdnsBufferSize { get; init; }
}
