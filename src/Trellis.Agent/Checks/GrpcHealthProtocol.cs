using System.Buffers.Binary;
using System.Text;

namespace Trellis.Agent.Checks;

/// <summary>
/// The two messages of <c>grpc.health.v1.Health/Check</c>, encoded by hand (one string field out, one enum field
/// back), in gRPC's length-prefixed framing.
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
internal static class GrpcHealthProtocol
{
    public const string CheckPath = "/grpc.health.v1.Health/Check";

    /// <summary>The gRPC frame of <c>HealthCheckRequest { string service = 1; }</c>.</summary>
    public static byte[] EncodeRequest(string service)
    {
        var name = Encoding.UTF8.GetBytes(service);
        using var message = new MemoryStream();
        if (name.Length > 0)
        {
            message.WriteByte(0x0A); // field 1, wire type 2 (length-delimited)
            WriteVarint(message, (ulong)name.Length);
            message.Write(name);
        }

        var frame = new byte[5 + message.Length];
        frame[0] = 0; // not compressed
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.ToArray().CopyTo(frame, 5);
        return frame;
    }

    /// <summary>
    /// Reads <c>HealthCheckResponse { ServingStatus status = 1; }</c> from a gRPC frame; unknown fields are skipped.
    /// </summary>
    public static bool TryDecodeResponse(ReadOnlySpan<byte> frame, out int status)
    {
        status = 0;
        if (frame.Length < 5 || frame[0] != 0)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(frame[1..]);
        if (length > frame.Length - 5)
        {
            return false;
        }

        var message = frame.Slice(5, (int)length);
        while (!message.IsEmpty)
        {
            if (!TryReadVarint(ref message, out var tag))
            {
                return false;
            }

            var field = tag >> 3;
            switch (tag & 7)
            {
                case 0:
                    if (!TryReadVarint(ref message, out var value))
                    {
                        return false;
                    }

                    if (field == 1)
                    {
                        status = (int)value;
                    }

                    break;
                case 1:
                    if (message.Length < 8)
                    {
                        return false;
                    }

                    message = message[8..];
                    break;
                case 2:
                    if (!TryReadVarint(ref message, out var size) || size > (ulong)message.Length)
                    {
                        return false;
                    }

                    message = message[(int)size..];
                    break;
                case 5:
                    if (message.Length < 4)
                    {
                        return false;
                    }

                    message = message[4..];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The proto enum name of a serving status, as Go prints it.</summary>
    public static string StatusName(int status) => status switch
    {
        0 => "UNKNOWN",
        1 => "SERVING",
        2 => "NOT_SERVING",
        3 => "SERVICE_UNKNOWN",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>gRPC's name of a status code ("NotFound"), as grpc-go prints it in errors.</summary>
    public static string CodeName(int code) => code switch
    {
        0 => "OK", 1 => "Canceled", 2 => "Unknown", 3 => "InvalidArgument", 4 => "DeadlineExceeded", 5 => "NotFound",
        6 => "AlreadyExists", 7 => "PermissionDenied", 8 => "ResourceExhausted", 9 => "FailedPrecondition",
        10 => "Aborted", 11 => "OutOfRange", 12 => "Unimplemented", 13 => "Internal", 14 => "Unavailable",
        15 => "DataLoss", 16 => "Unauthenticated",
        _ => $"Code({code})",
    };

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    private static bool TryReadVarint(ref ReadOnlySpan<byte> data, out ulong value)
    {
        value = 0;
        for (var i = 0; i < 10 && i < data.Length; i++)
        {
            value |= (ulong)(data[i] & 0x7F) << (7 * i);
            if ((data[i] & 0x80) == 0)
            {
                data = data[(i + 1)..];
                return true;
            }
        }

        return false;
    }
}
