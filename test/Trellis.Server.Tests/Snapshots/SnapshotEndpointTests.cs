using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Trellis.Core.Errors;
using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Snapshots;
using Trellis.Core.Txn;
using Trellis.Server.Tests.Testing;

namespace Trellis.Server.Tests.Snapshots;

public sealed class SnapshotEndpointTests
{
    [Fact]
    public async Task SaveThenRestore_AfterChanges_BringsBackSavedState()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "keep", Value = [1, 2] }, null, default);
        var session = await f.CreateSessionAsync();
        using var archive = new MemoryStream();

        var index = await f.Rpc.Snapshot.SaveAsync(archive, QueryOptions.Default, default);
        await f.Rpc.Kv.ApplyAsync(KvVerb.Delete, new KvEntry { Key = "keep" }, null, default);
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "later" }, null, default);
        archive.Position = 0;
        await f.Rpc.Snapshot.RestoreAsync(archive, null, default);

        var snapshot = f.Raft.Store.Snapshot();
        Assert.Equal(index, f.Raft.Store.Snapshot().Index);
        Assert.Equal([1, 2], snapshot.KvGet("keep").Entry!.Value);
        Assert.Null(snapshot.KvGet("later").Entry);
        Assert.NotNull(snapshot.SessionGet(session).Session);
    }

    [Fact]
    public async Task SaveAsync_Archive_HasConsulMembersAndVerifiableMeta()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "k" }, null, default);
        using var archive = new MemoryStream();

        var index = await f.Rpc.Snapshot.SaveAsync(archive, QueryOptions.Default, default);
        var names = ReadMembers(archive.ToArray()).Keys.ToList();
        archive.Position = 0;
        var contents = await SnapshotArchive.ReadAsync(archive, default);

        Assert.Equal(["meta.json", "state.bin", "SHA256SUMS"], names);
        Assert.Equal(index, contents.Meta.Index);
        Assert.Equal(contents.State.Length, contents.Meta.Size);
        Assert.Equal(1, contents.Meta.Version);
        Assert.Equal((ulong)f.Raft.Term, contents.Meta.Term);
        Assert.StartsWith($"{f.Raft.Term}-{index}-", contents.Meta.ID);
    }

    [Fact]
    public async Task RestoreAsync_TamperedStateBin_ThrowsAndChangesNothing()
    {
        await using var f = new ServerFixture();
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "k" }, null, default);
        using var archive = new MemoryStream();
        await f.Rpc.Snapshot.SaveAsync(archive, QueryOptions.Default, default);
        var members = ReadMembers(archive.ToArray());
        members["state.bin"] = [.. members["state.bin"], (byte)' '];
        await f.Rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "after" }, null, default);
        var before = f.Raft.Store.Snapshot();
        var proposed = f.Raft.Applied.Count;

        await Assert.ThrowsAsync<InvalidRequestException>(
            () => f.Rpc.Snapshot.RestoreAsync(new MemoryStream(WriteMembers(members)), null, default));

        Assert.Same(before, f.Raft.Store.Snapshot());
        Assert.Equal(proposed, f.Raft.Applied.Count);
    }

    [Fact]
    public async Task RestoreAsync_CorrectSumsButUndecodableState_Throws()
    {
        await using var f = new ServerFixture();
        using var archive = new MemoryStream();
        await SnapshotArchive.WriteAsync(archive, new SnapshotMeta { ID = "0-1-1", Index = 1 }, Encoding.UTF8.GetBytes("not a store"), default);

        await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.Snapshot.RestoreAsync(new MemoryStream(archive.ToArray()), null, default));

        Assert.Empty(f.Raft.Applied);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 })]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0 })]
    public async Task RestoreAsync_NotAnArchive_ThrowsInvalidRequest(byte[] bytes)
    {
        await using var f = new ServerFixture();

        await Assert.ThrowsAsync<InvalidRequestException>(() => f.Rpc.Snapshot.RestoreAsync(new MemoryStream(bytes), null, default));
    }

    [Fact]
    public async Task RestoreAsync_MissingSums_ThrowsInvalidRequest()
    {
        await using var f = new ServerFixture();
        using var archive = new MemoryStream();
        await f.Rpc.Snapshot.SaveAsync(archive, QueryOptions.Default, default);
        var members = ReadMembers(archive.ToArray());
        members.Remove("SHA256SUMS");

        await Assert.ThrowsAsync<InvalidRequestException>(
            () => f.Rpc.Snapshot.RestoreAsync(new MemoryStream(WriteMembers(members)), null, default));
    }

    private static Dictionary<string, byte[]> ReadMembers(byte[] archive)
    {
        var members = new Dictionary<string, byte[]>();
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            members[entry.Name] = data.ToArray();
        }

        return members;
    }

    private static byte[] WriteMembers(Dictionary<string, byte[]> members)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionMode.Compress, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (name, data) in members)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        return output.ToArray();
    }
}
