using Trellis.Core.Sessions;
using Trellis.State.Commands;
using Trellis.State.Persistence;
using static Trellis.State.Tests.Catalog.TestCatalog;
using static Trellis.State.Tests.TestKv;

namespace Trellis.State.Tests;

public sealed class StateRecordsTests
{
    private static byte[] Serialize(StateStore store)
    {
        using var buffer = new MemoryStream();
        StateStore.WriteTo(store.Snapshot(), buffer);
        return buffer.ToArray();
    }

    [Fact]
    public void Read_SerializedStore_ListsEveryRecordWithConsulTypeNamesAndKeys()
    {
        var store = new StateStore();
        store.Set(1, "a/b/c", "1");
        store.Set(2, "z", "2");
        store.Register(3, Node("n1") with { Service = Service("web"), Checks = [Check("n1", "serfHealth")] });
        store.Apply(new SessionCommand(SessionOp.Create, new Session { ID = "s1", Node = "n1", NodeChecks = ["serfHealth"] }, 0), 4);
        var state = Serialize(store);

        var records = StateRecords.Read(state);

        var byType = records.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, byType["KVS"]);
        Assert.Equal(3, byType["Register"]);
        Assert.Equal(1, byType["Session"]);
        Assert.Equal(["a/b/c", "z"], records.Where(r => r.Type == "KVS").Select(r => r.Key));
        Assert.All(records.Where(r => r.Type != "KVS"), r => Assert.Null(r.Key));
        Assert.All(records, r => Assert.True(r.Size > 2));
        Assert.True(records.Sum(r => r.Size) < state.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"Kvs\":[{\"Key\":\"a\"}")]
    [InlineData("not json")]
    public void Read_NotASerializedStore_ThrowsInvalidData(string state)
    {
        Assert.Throws<InvalidDataException>(() => StateRecords.Read(System.Text.Encoding.UTF8.GetBytes(state)));
    }

    [Fact]
    public void Read_RandomTruncations_NeverThrowAnythingButInvalidData()
    {
        var store = new StateStore();
        for (var i = 0; i < 20; i++)
        {
            store.Set((ulong)i + 1, $"k/{i}", new string('v', i));
        }

        var state = Serialize(store);
        var random = new Random(1234);
        for (var i = 0; i < 200; i++)
        {
            var cut = state[..random.Next(state.Length)];
            try
            {
                StateRecords.Read(cut);
            }
            catch (InvalidDataException)
            {
                // Expected for most cuts.
            }
        }
    }
}
