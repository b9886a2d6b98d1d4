using System.Text;
using Trellis.Core.Kv;
using Trellis.Core.Sessions;
using Trellis.Core.Txn;
using Trellis.State.Commands;

namespace Trellis.State.Tests.Commands;

public class CommandCodecTests
{
    [Fact]
    public void CommandType_Values_ArePinned()
    {
        Assert.Equal(1, (ushort)CommandType.Kv);
        Assert.Equal(2, (ushort)CommandType.Session);
        Assert.Equal(3, (ushort)CommandType.Txn);
        Assert.Equal(4, (ushort)CommandType.TombstoneReap);
        Assert.Equal(5, (ushort)CommandType.Restore);
        Assert.Equal(6, (ushort)CommandType.CatalogRegister);
        Assert.Equal(7, (ushort)CommandType.CatalogDeregister);
        Assert.Equal(9, (ushort)CommandType.PreparedQuery);
        Assert.Equal(10, (ushort)CommandType.AutopilotConfig);
        Assert.Equal(9, Enum.GetValues<CommandType>().Length);
        Assert.Equal(13, (int)Trellis.Core.Txn.KvVerb.GetOrEmpty);
        Assert.Equal(
            [1, 2, 3, 4, 5],
            new[] { Trellis.Core.Txn.CatalogVerb.Set, Trellis.Core.Txn.CatalogVerb.Cas, Trellis.Core.Txn.CatalogVerb.Get, Trellis.Core.Txn.CatalogVerb.Delete, Trellis.Core.Txn.CatalogVerb.DeleteCas }.Select(v => (int)v));
        Assert.Equal(1, (int)Trellis.Core.PreparedQueries.PreparedQueryOp.Create);
        Assert.Equal(2, (int)Trellis.Core.PreparedQueries.PreparedQueryOp.Update);
        Assert.Equal(3, (int)Trellis.Core.PreparedQueries.PreparedQueryOp.Delete);
        Assert.Equal(1, (int)SessionOp.Create);
        Assert.Equal(2, (int)SessionOp.Destroy);
    }

    [Fact]
    public void Encode_Header_IsTypeLittleEndianThenVersion()
    {
        var bytes = CommandCodec.Encode(new TombstoneReapCommand(7));
        Assert.Equal([4, 0, 1], bytes[..3]);
        Assert.Equal("{\"ReapIndex\":7", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split(',')[0].TrimEnd('}'));
    }

    [Fact]
    public void Roundtrip_KvCommand()
    {
        var cmd = new KvCommand(KvVerb.Lock, new KvEntry { Key = "a/b", Value = [1, 2, 0, 255], Flags = 9, Session = "s", ModifyIndex = 3 });
        var back = Assert.IsType<KvCommand>(CommandCodec.Decode(CommandCodec.Encode(cmd)));
        Assert.Equal(cmd.Verb, back.Verb);
        Assert.Equal(cmd.Entry with { Value = null }, back.Entry with { Value = null });
        Assert.Equal(cmd.Entry.Value, back.Entry.Value);
    }

    [Fact]
    public void Roundtrip_SessionCommand()
    {
        var s = new Session
        {
            ID = "id", Name = "n", Node = "node", LockDelay = 15_000_000_000, Behavior = SessionBehavior.Delete, TTL = "30s",
            NodeChecks = ["serfHealth"], ServiceChecks = ["c1"],
        };
        var back = Assert.IsType<SessionCommand>(CommandCodec.Decode(CommandCodec.Encode(new SessionCommand(SessionOp.Destroy, s, 123))));
        Assert.Equal((SessionOp.Destroy, 123L), (back.Op, back.NowUnixMilliseconds));
        Assert.Equal(s with { NodeChecks = null, ServiceChecks = null }, back.Session with { NodeChecks = null, ServiceChecks = null });
        Assert.Equal(s.NodeChecks, back.Session.NodeChecks);
        Assert.Equal(s.ServiceChecks, back.Session.ServiceChecks);
    }

    [Fact]
    public void Roundtrip_TxnCommand()
    {
        TxnOp[] ops =
        [
            new() { KV = new TxnKvOp { Verb = KvVerb.CheckNotExists, Key = "x" } },
            new() { KV = new TxnKvOp { Verb = KvVerb.Cas, Key = "y", Value = [7], Flags = 2, Index = 4, Session = "s" } },
        ];
        var back = Assert.IsType<TxnCommand>(CommandCodec.Decode(CommandCodec.Encode(new TxnCommand(ops, 99))));
        Assert.Equal(99L, back.NowUnixMilliseconds);
        Assert.Equal(2, back.Operations.Count);
        Assert.Equal(ops[0], back.Operations[0] with { });
        Assert.Equal(ops[1].KV! with { Value = null }, back.Operations[1].KV! with { Value = null });
        Assert.Equal([7], back.Operations[1].KV!.Value);
    }

    [Fact]
    public void Roundtrip_ReapAndRestore()
    {
        Assert.Equal(new TombstoneReapCommand(42), CommandCodec.Decode(CommandCodec.Encode(new TombstoneReapCommand(42))));
        var restore = Assert.IsType<RestoreCommand>(CommandCodec.Decode(CommandCodec.Encode(new RestoreCommand([1, 2, 3]))));
        Assert.Equal([1, 2, 3], restore.State);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 0 })]
    [InlineData(new byte[] { 99, 0, 1, (byte)'{', (byte)'}' })]
    [InlineData(new byte[] { 1, 0, 2, (byte)'{', (byte)'}' })]
    [InlineData(new byte[] { 1, 0, 1, (byte)'{' })]
    [InlineData(new byte[] { 1, 0, 1, (byte)'{', (byte)'}' })]
    [InlineData(new byte[] { 2, 0, 1, (byte)'n', (byte)'u', (byte)'l', (byte)'l' })]
    [InlineData(new byte[] { 4, 0, 1, 0xff, 0xfe })]
    public void Decode_BadBytes_ThrowsInvalidData(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => CommandCodec.Decode(bytes));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Decode_RandomBytes_ThrowsOnlyInvalidData(byte[] payload, byte type)
    {
        var bytes = new byte[] { type, 0, 1 }.Concat(payload ?? []).ToArray();
        try
        {
            CommandCodec.Decode(bytes);
            return true;
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }
}
