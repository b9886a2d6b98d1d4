namespace Trellis.State.Commands;

/// <summary>
/// Encodes commands into the bytes of a Raft log entry and back. The first bytes carry the
/// <see cref="CommandType"/> id so entries stay readable as new command types are appended.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class CommandCodec
{
    public static byte[] Encode(Command command) => throw new NotImplementedException("State helper: implement");

    /// <summary>Decodes one entry; throws <see cref="InvalidDataException"/> for unknown ids or corrupt bytes.</summary>
    public static Command Decode(ReadOnlySpan<byte> bytes) => throw new NotImplementedException("State helper: implement");
}
