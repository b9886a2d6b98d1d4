using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace Trellis.Dns.Wire;

/// <summary>
/// Encodes a <see cref="DnsResponse"/> into at most <c>maxSize</c> bytes. Records are added whole, in order; the first
/// answer or authority record that does not fit sets TC and ends those sections (a client then retries over TCP,
/// where the limit is 65535 and everything fits); additional records that do not fit are left out without TC
/// (RFC 2181 9). The OPT record, when the query had one, always fits: its room is reserved first.
/// </summary>
/// <remarks>Not thread-safe: one instance per encoding (it is cheap).</remarks>
public sealed class DnsPacketWriter
{
    private const int OptLength = 11;

    private readonly byte[] _buffer;
    private readonly bool _compress;
    private readonly Dictionary<string, int> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _added = [];
    private int _position;

    private DnsPacketWriter(int maxSize, bool compress)
    {
        _buffer = new byte[maxSize];
        _compress = compress;
    }

    /// <summary>An error answer: header and (when it was read) the question, nothing else.</summary>
    public static byte[] WriteError(DnsRequest request, byte rcode, ushort? ednsBufferSize = null)
    {
        var withQuestion = request.Type != 0 || request.Name.Length > 0;
        return Write(request, new DnsResponse { Rcode = rcode, Authoritative = false }, 512, compress: true, includeQuestion: withQuestion, ednsBufferSize);
    }

    /// <summary>Encodes <paramref name="response"/> to <paramref name="request"/>, truncating at <paramref name="maxSize"/>.</summary>
    public static byte[] Write(DnsRequest request, DnsResponse response, int maxSize, bool compress, bool includeQuestion = true, ushort? ednsBufferSize = null)
    {
        var writer = new DnsPacketWriter(Math.Clamp(maxSize, 512, 65535), compress);
        return writer.Encode(request, response, includeQuestion, ednsBufferSize ?? request.EdnsBufferSize);
    }

    private byte[] Encode(DnsRequest request, DnsResponse response, bool includeQuestion, ushort? edns)
    {
        _position = 12;
        if (includeQuestion)
        {
            WriteName(request.Name);
            WriteUShort(request.Type);
            WriteUShort(request.Class);
        }

        var limit = _buffer.Length - (edns is null ? 0 : OptLength);
        var truncated = response.Truncated;
        var answers = WriteSection(response.Answers, limit, ref truncated, setTruncated: true);
        var authority = truncated ? 0 : WriteSection(response.Authority, limit, ref truncated, setTruncated: true);
        var ignored = false;
        var additional = truncated ? 0 : WriteSection(response.Additional, limit, ref ignored, setTruncated: false);
        if (edns is not null)
        {
            // OPT: root name, type 41, class = our payload size, extended rcode/version/flags 0, no options.
            _buffer[_position++] = 0;
            WriteUShort(DnsType.Opt);
            WriteUShort(4096);
            WriteUInt(0);
            WriteUShort(0);
            additional++;
        }

        var flags = 0x8000 | ((request.Opcode & 0xF) << 11) | (response.Rcode & 0xF);
        if (response.Authoritative)
        {
            flags |= 0x0400;
        }

        if (truncated)
        {
            flags |= 0x0200;
        }

        if (request.RecursionDesired)
        {
            flags |= 0x0100;
        }

        if (response.RecursionAvailable)
        {
            flags |= 0x0080;
        }

        if (request.CheckingDisabled)
        {
            flags |= 0x0010;
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer, request.Id);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), (ushort)flags);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(4), (ushort)(includeQuestion ? 1 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(6), (ushort)answers);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(8), (ushort)authority);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(10), (ushort)additional);
        return _buffer.AsSpan(0, _position).ToArray();
    }

    private int WriteSection(IReadOnlyList<DnsRecordBase> records, int limit, ref bool truncated, bool setTruncated)
    {
        var count = 0;
        foreach (var record in records)
        {
            var start = _position;
            var addedBefore = _added.Count;
            if (TryWriteRecord(record, limit))
            {
                count++;
                continue;
            }

            _position = start;
            for (var i = _added.Count - 1; i >= addedBefore; i--)
            {
                _names.Remove(_added[i]);
                _added.RemoveAt(i);
            }

            if (setTruncated)
            {
                truncated = true;
                break;
            }
        }

        return count;
    }

    private bool TryWriteRecord(DnsRecordBase record, int limit)
    {
        try
        {
            WriteName(record.Name.ToString(false).TrimEnd('.'));
            WriteUShort((ushort)record.RecordType);
            WriteUShort((ushort)record.RecordClass);
            WriteUInt((uint)Math.Max(0, record.TimeToLive));
            var lengthAt = _position;
            WriteUShort(0);
            WriteRecordData(record);
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(lengthAt), (ushort)(_position - lengthAt - 2));
            return _position <= limit;
        }
        catch (IndexOutOfRangeException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void WriteRecordData(DnsRecordBase record)
    {
        switch (record)
        {
            case ARecord a:
                WriteAddress(a.Address.GetAddressBytes());
                break;
            case AaaaRecord aaaa when aaaa.Address.AddressFamily == AddressFamily.InterNetworkV6:
                WriteAddress(aaaa.Address.GetAddressBytes());
                break;
            case CNameRecord cname:
                WriteName(Plain(cname.CanonicalName));
                break;
            case PtrRecord ptr:
                WriteName(Plain(ptr.PointerDomainName));
                break;
            case NsRecord ns:
                WriteName(Plain(ns.NameServer));
                break;
            case SrvRecord srv:
                WriteUShort(srv.Priority);
                WriteUShort(srv.Weight);
                WriteUShort(srv.Port);
                // RFC 2782: the target is not compressed.
                WriteName(Plain(srv.Target), allowCompression: false);
                break;
            case TxtRecord txt:
                foreach (var part in txt.TextParts)
                {
                    var bytes = Encoding.UTF8.GetBytes(part);
                    var length = Math.Min(bytes.Length, 255);
                    _buffer[_position++] = (byte)length;
                    bytes.AsSpan(0, length).CopyTo(_buffer.AsSpan(_position));
                    _position += length;
                }

                break;
            case SoaRecord soa:
                WriteName(Plain(soa.MasterName));
                WriteName(Plain(soa.ResponsibleName));
                WriteUInt(soa.SerialNumber);
                WriteUInt((uint)soa.RefreshInterval);
                WriteUInt((uint)soa.RetryInterval);
                WriteUInt((uint)soa.ExpireInterval);
                WriteUInt((uint)soa.NegativeCachingTTL);
                break;
            default:
                throw new NotSupportedException("No encoder for record type " + record.RecordType);
        }
    }

    private static string Plain(DomainName name) => name.ToString(false).TrimEnd('.');

    private void WriteAddress(byte[] bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    private void WriteName(string name, bool allowCompression = true)
    {
        var rest = name;
        while (rest.Length > 0)
        {
            if (_compress && allowCompression && _names.TryGetValue(rest, out var offset))
            {
                WriteUShort((ushort)(0xC000 | offset));
                return;
            }

            if (_compress && _position < 0x3FFF && !_names.ContainsKey(rest))
            {
                _names[rest] = _position;
                _added.Add(rest);
            }

            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            var label = dot < 0 ? rest : rest[..dot];
            var written = Encoding.ASCII.GetBytes(label, _buffer.AsSpan(_position + 1));
            _buffer[_position] = (byte)Math.Min(written, 63);
            _position += 1 + written;
            rest = dot < 0 ? "" : rest[(dot + 1)..];
        }

        _buffer[_position++] = 0;
    }

    private void WriteUShort(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_position), value);
        _position += 2;
    }

    private void WriteUInt(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }
}
