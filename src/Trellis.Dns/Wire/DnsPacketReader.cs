using System.Buffers.Binary;
using System.Text;

namespace Trellis.Dns.Wire;

/// <summary>
/// Reads a query packet in one strict pass (header, one question, label lengths, compression pointers that only point
/// backwards, at most 255 bytes per name, at most an OPT record after it), so label bombs and compression loops are
/// refused in bounded time. Only what a query may hold is read; answers are built from ARSoft record objects.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class DnsPacketReader
{
    private const int HeaderLength = 12;
    private const int MaxNameLength = 255;
    private const int MaxPointerJumps = 64;

    public static DnsParseResult Read(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < HeaderLength)
        {
            return new DnsParseResult { Drop = true };
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(packet);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if ((flags & 0x8000) != 0)
        {
            // A response sent to us: answering it could start a loop between two servers.
            return new DnsParseResult { Drop = true };
        }

        var header = new DnsRequest
        {
            Id = id,
            Opcode = (byte)((flags >> 11) & 0xF),
            RecursionDesired = (flags & 0x0100) != 0,
            CheckingDisabled = (flags & 0x0010) != 0,
        };
        if (header.Opcode != 0)
        {
            return new DnsParseResult { Request = header, ErrorCode = DnsRcode.NotImp };
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var authorities = BinaryPrimitives.ReadUInt16BigEndian(packet[8..]);
        var additionals = BinaryPrimitives.ReadUInt16BigEndian(packet[10..]);
        if (questions != 1 || answers != 0 || authorities != 0 || additionals > 1)
        {
            return new DnsParseResult { Request = header, ErrorCode = DnsRcode.FormErr };
        }

        var position = HeaderLength;
        if (!TryReadName(packet, ref position, out var name) || position + 4 > packet.Length)
        {
            return new DnsParseResult { Request = header, ErrorCode = DnsRcode.FormErr };
        }

        var withQuestion = header with
        {
            Name = name,
            Type = BinaryPrimitives.ReadUInt16BigEndian(packet[position..]),
            Class = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 2)..]),
        };
        position += 4;
        ushort? edns = null;
        if (additionals == 1)
        {
            // The one additional record of a query may only be its OPT record (RFC 6891).
            if (!TryReadOpt(packet, ref position, out var payload))
            {
                return new DnsParseResult { Request = withQuestion, ErrorCode = DnsRcode.FormErr };
            }

            edns = payload;
        }

        if (position != packet.Length)
        {
            return new DnsParseResult { Request = withQuestion, ErrorCode = DnsRcode.FormErr };
        }

        var request = withQuestion with { EdnsBufferSize = edns };
        if (request.Class != DnsType.ClassIn && request.Class != DnsType.ClassAny)
        {
            return new DnsParseResult { Request = request, ErrorCode = DnsRcode.NotImp };
        }

        if (request.Type is DnsType.Axfr or DnsType.Ixfr or DnsType.MailA or DnsType.MailB or DnsType.Opt or 0)
        {
            return new DnsParseResult { Request = request, ErrorCode = DnsRcode.NotImp };
        }

        return new DnsParseResult { Request = request };
    }

    /// <summary>Reads a possibly compressed name; false for anything malformed (bad label type, loop, too long).</summary>
    internal static bool TryReadName(ReadOnlySpan<byte> packet, ref int position, out string name)
    {
        name = "";
        var builder = new StringBuilder();
        var length = 1;
        var cursor = position;
        var end = -1;
        var jumps = 0;
        var lowest = position;
        while (true)
        {
            if (cursor >= packet.Length)
            {
                return false;
            }

            var labelLength = packet[cursor];
            if ((labelLength & 0xC0) == 0xC0)
            {
                if (cursor + 1 >= packet.Length || ++jumps > MaxPointerJumps)
                {
                    return false;
                }

                var target = ((labelLength & 0x3F) << 8) | packet[cursor + 1];
                // Pointers must point strictly before everything read so far: no loops, bounded work.
                if (target >= lowest || target < HeaderLength)
                {
                    return false;
                }

                if (end < 0)
                {
                    end = cursor + 2;
                }

                cursor = target;
                lowest = target;
                continue;
            }

            if ((labelLength & 0xC0) != 0)
            {
                return false;
            }

            if (labelLength == 0)
            {
                position = end < 0 ? cursor + 1 : end;
                name = builder.ToString();
                return true;
            }

            length += labelLength + 1;
            if (length > MaxNameLength || cursor + 1 + labelLength > packet.Length)
            {
                return false;
            }

            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            foreach (var b in packet.Slice(cursor + 1, labelLength))
            {
                if (b == (byte)'.' || b < 0x21 || b > 0x7E)
                {
                    // Consul compat: names are hostnames; a dot, space or binary byte inside a label is no name we serve.
                    return false;
                }

                builder.Append((char)b);
            }

            cursor += 1 + labelLength;
        }
    }

    /// <summary>Reads an OPT pseudo-record: root owner, type 41, class = the UDP payload size; false for anything else.</summary>
    private static bool TryReadOpt(ReadOnlySpan<byte> packet, ref int position, out ushort payload)
    {
        payload = 0;
        if (!TryReadName(packet, ref position, out var owner) || owner.Length != 0 || position + 10 > packet.Length)
        {
            return false;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(packet[position..]) != DnsType.Opt)
        {
            return false;
        }

        payload = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 2)..]);
        var rdLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 8)..]);
        position += 10 + rdLength;
        return position <= packet.Length;
    }
}
