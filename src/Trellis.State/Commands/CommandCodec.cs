using System.Buffers.Binary;
using System.Text.Json;
using Trellis.State.Persistence;

namespace Trellis.State.Commands;

/// <summary>
/// Encodes commands into the bytes of a Raft log entry and back. The first bytes carry the
/// <see cref="CommandType"/> id so entries stay readable as new command types are appended.
/// </summary>
/// <remarks>
/// Layout: <c>[ushort CommandType, little-endian][byte format version = 1][payload]</c>. The payload is the UTF-8 JSON of
/// the command (source-generated), except for <see cref="RestoreCommand"/> whose payload is the raw serialized state.
/// Stateless and thread-safe.
/// </remarks>
public static class CommandCodec
{
    /// <summary>The format version written after the type id.</summary>
    public const byte FormatVersion = 1;

    private const int HeaderLength = 3;

    public static byte[] Encode(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var ctx = StateJsonContext.Default;
        var payload = command switch
        {
            KvCommand c => JsonSerializer.SerializeToUtf8Bytes(c, ctx.KvCommand),
            SessionCommand c => JsonSerializer.SerializeToUtf8Bytes(c, ctx.SessionCommand),
            TxnCommand c => JsonSerializer.SerializeToUtf8Bytes(c, ctx.TxnCommand),
            TombstoneReapCommand c => JsonSerializer.SerializeToUtf8Bytes(c, ctx.TombstoneReapCommand),
            CatalogRegisterCommand c => JsonSerializer.SerializeToUtf8Bytes(c, ctx.CatalogRegisterCommand),
            CatalogDeregisterCommand c => JsonSerializer.SerializeToUtf8Bytes(c, ctx.CatalogDeregisterCommand),
            PreparedQueryCommand c => JsonSerializer.SerializeToUtf8Bytes(c, ctx.PreparedQueryCommand),
            AutopilotConfigCommand c => JsonSerializer.SerializeToUtf8Bytes(c, ctx.AutopilotConfigCommand),
            RestoreCommand c => c.State,
            _ => throw new ArgumentException($"No encoding for command {command.GetType().Name}.", nameof(command)),
        };

        var bytes = new byte[HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)command.Type);
        bytes[2] = FormatVersion;
        payload.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    /// <summary>Decodes one entry; throws <see cref="InvalidDataException"/> for unknown ids or corrupt bytes.</summary>
    public static Command Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength)
        {
            throw new InvalidDataException("A command entry is shorter than its header.");
        }

        var type = (CommandType)BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        if (bytes[2] != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported command format version {bytes[2]}.");
        }

        var payload = bytes[HeaderLength..];
        var ctx = StateJsonContext.Default;
        try
        {
            Command? command = type switch
            {
                CommandType.Kv => JsonSerializer.Deserialize(payload, ctx.KvCommand),
                CommandType.Session => JsonSerializer.Deserialize(payload, ctx.SessionCommand),
                CommandType.Txn => JsonSerializer.Deserialize(payload, ctx.TxnCommand),
                CommandType.TombstoneReap => JsonSerializer.Deserialize(payload, ctx.TombstoneReapCommand),
                CommandType.Restore => new RestoreCommand(payload.ToArray()),
                CommandType.CatalogRegister => JsonSerializer.Deserialize(payload, ctx.CatalogRegisterCommand),
                CommandType.CatalogDeregister => JsonSerializer.Deserialize(payload, ctx.CatalogDeregisterCommand),
                CommandType.PreparedQuery => JsonSerializer.Deserialize(payload, ctx.PreparedQueryCommand),
                CommandType.AutopilotConfig => JsonSerializer.Deserialize(payload, ctx.AutopilotConfigCommand),
                _ => throw new InvalidDataException($"Unknown command type id {(ushort)type}."),
            };
            return Validate(command);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Corrupt {type} command.", ex);
        }
    }

    private static Command Validate(Command? command) => command switch
    {
        null => throw new InvalidDataException("A command entry decoded to null."),
        KvCommand { Entry: null } or KvCommand { Entry.Key: null } => throw new InvalidDataException("A KV command without an entry."),
        SessionCommand { Session: null } or SessionCommand { Session.ID: null } => throw new InvalidDataException("A session command without a session."),
        TxnCommand { Operations: null } => throw new InvalidDataException("A transaction command without operations."),
        CatalogRegisterCommand { Request: null } or CatalogRegisterCommand { Request.Node: null }
            => throw new InvalidDataException("A catalog register command without a node."),
        CatalogDeregisterCommand { Request: null } or CatalogDeregisterCommand { Request.Node: null }
            => throw new InvalidDataException("A catalog deregister command without a node."),
        PreparedQueryCommand { Query: null } or PreparedQueryCommand { Query.ID: null }
            => throw new InvalidDataException("A prepared query command without a query."),
        _ => command,
    };
}
