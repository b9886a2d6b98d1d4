using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Trellis.Agent.Checks;

/// <summary>
/// The few bytes of HTTP/2 an H2PING check needs (RFC 9113): the client preface, an empty SETTINGS frame, a PING,
/// and a reader that acknowledges the server's SETTINGS and waits for the PING's ACK.
/// </summary>
/// <remarks>One instance per connection; not thread-safe.</remarks>
internal static class Http2Ping
{
    private const byte TypeSettings = 0x4;
    private const byte TypePing = 0x6;
    private const byte TypeGoAway = 0x7;
    private const byte FlagAck = 0x1;
    private const int MaxFrame = 1 << 24;
    private static readonly byte[] Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

    /// <summary>Sends a PING on a fresh connection and returns when its ACK arrives; throws on anything else.</summary>
    public static async Task PingAsync(Stream stream, CancellationToken cancellationToken)
    {
        var payload = RandomNumberGenerator.GetBytes(8);
        var hello = new byte[Preface.Length + 9 + 9 + 8];
        Preface.CopyTo(hello, 0);
        WriteHeader(hello.AsSpan(Preface.Length), 0, TypeSettings, 0);
        WriteHeader(hello.AsSpan(Preface.Length + 9), 8, TypePing, 0);
        payload.CopyTo(hello, Preface.Length + 18);
        await stream.WriteAsync(hello, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        var header = new byte[9];
        while (true)
        {
            await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var type = header[3];
            var flags = header[4];
            if (length > MaxFrame)
            {
                throw new IOException("frame too large");
            }

            var body = new byte[length];
            await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
            switch (type)
            {
                case TypeSettings when (flags & FlagAck) == 0:
                    var ack = new byte[9];
                    WriteHeader(ack, 0, TypeSettings, FlagAck);
                    await stream.WriteAsync(ack, cancellationToken).ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case TypePing when (flags & FlagAck) != 0 && body.AsSpan().SequenceEqual(payload):
                    return;
                case TypeGoAway:
                    var code = body.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4)) : 0;
                    throw new IOException($"http2: server sent GOAWAY and closed the connection; ErrCode={code}");
            }
        }
    }

    private static void WriteHeader(Span<byte> target, int length, byte type, byte flags)
    {
        target[0] = (byte)(length >> 16);
        target[1] = (byte)(length >> 8);
        target[2] = (byte)length;
        target[3] = type;
        target[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(target[5..], 0);
    }
}
