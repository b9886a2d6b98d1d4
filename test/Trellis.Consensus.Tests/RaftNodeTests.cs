using System.Text;
using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.State;
using Trellis.State.Commands;

namespace Trellis.Consensus.Tests;

/// <summary>RaftNode over the real StateStore + CommandCodec.</summary>
public sealed class RaftNodeTests
{
    private static KvCommand Set(string key, string value) =>
        new(KvVerb.Set, new KvEntry { Key = key, Value = Encoding.UTF8.GetBytes(value) });

    private static async Task WaitForLeaderAsync(RaftNode node) =>
        await RaftTestKit.WaitUntilAsync(() => node.IsLeader, TimeSpan.FromSeconds(15), "leadership");

    [Fact]
    public async Task ApplyAsync_KvSet_StoreHasEntryWithRaftIndex()
    {
        var store = new StateStore();
        await using var node = new RaftNode(RaftTestKit.Options(dataDir: null), store);
        await node.StartAsync(CancellationToken.None);
        await WaitForLeaderAsync(node);

        var result = await node.ApplyAsync(Set("web/a", "1"), CancellationToken.None);

        Assert.Equal(true, result);
        var (entry, _) = store.Snapshot().KvGet("web/a");
        Assert.NotNull(entry);
        Assert.Equal("1", Encoding.UTF8.GetString(entry.Value!));
        Assert.Equal(node.Log.AppliedIndex, entry.ModifyIndex);
        Assert.True(entry.ModifyIndex > 0);
    }

    [Fact]
    public async Task Term_AfterBootstrapElection_IsPositiveAndConfigurationIndexIsPositive()
    {
        await using var node = new RaftNode(RaftTestKit.Options(dataDir: null), new StateStore());
        Assert.Equal(0, node.Term);
        await node.StartAsync(CancellationToken.None);
        await WaitForLeaderAsync(node);

        Assert.True(node.Term > 0, $"term {node.Term}");
        Assert.True(node.Configuration.Index > 0, $"index {node.Configuration.Index}");
    }

    [Fact]
    public async Task StartAsync_RestartWithSnapshotAndLog_StoreRestored()
    {
        using var dir = new TempDir();
        ulong lastIndex;
        var options = RaftTestKit.Options(dir.Path, snapshotThreshold: 50);
        await using (var node = new RaftNode(options, new StateStore()))
        {
            await node.StartAsync(CancellationToken.None);
            await WaitForLeaderAsync(node);
            var writes = Enumerable.Range(0, 120).Select(i => node.ApplyAsync(Set($"k/{i:D3}", $"v{i}"), CancellationToken.None));
            await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(node.Log.SnapshotsTaken > 0);
            lastIndex = node.Store.Snapshot().Index;
        }

        var store = new StateStore();
        await using (var node = new RaftNode(options with { Endpoint = RaftTestKit.FreeEndpoint() }, store))
        {
            await node.StartAsync(CancellationToken.None);
            var (entries, index) = store.Snapshot().KvList("k/");
            Assert.Equal(120, entries.Count);
            Assert.Equal(lastIndex, index);
            Assert.Equal("v7", Encoding.UTF8.GetString(entries.Single(e => e.Key == "k/007").Value!));
        }
    }

    [Fact]
    public async Task StartAsync_CrashImageOfDataDir_HasEveryAcknowledgedWrite()
    {
        // A kill -9 leaves exactly what the OS has for the files; copying the directory while the node is still
        // running (after the writes were acknowledged, before any clean shutdown) captures that image.
        using var dir = new TempDir();
        using var crashed = new TempDir();
        var options = RaftTestKit.Options(dir.Path);
        await using (var node = new RaftNode(options, new StateStore()))
        {
            await node.StartAsync(CancellationToken.None);
            await WaitForLeaderAsync(node);
            var writes = Enumerable.Range(0, 300).Select(i => node.ApplyAsync(Set($"c/{i:D3}", "x"), CancellationToken.None));
            await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(60));
            CopyDirectory(dir.Path, crashed.Path);
        }

        var store = new StateStore();
        await using (var node = new RaftNode(options with { DataDir = crashed.Path, Endpoint = RaftTestKit.FreeEndpoint() }, store))
        {
            await node.StartAsync(CancellationToken.None);
            Assert.Equal(300, store.Snapshot().KvList("c/").Entries.Count);
        }
    }

    [Fact]
    public async Task VerifyLeadershipAsync_Leader_AppliedCatchesUpWithCommit()
    {
        await using var node = new RaftNode(RaftTestKit.Options(dataDir: null), new StateStore());
        await node.StartAsync(CancellationToken.None);
        await WaitForLeaderAsync(node);
        await node.ApplyAsync(Set("a", "b"), CancellationToken.None);

        await node.VerifyLeadershipAsync(CancellationToken.None);

        Assert.True(node.Log.AppliedIndex >= node.Log.CommitIndex);
        Assert.Equal(node.Log.CommitIndex, node.Configuration.Index);
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(source, destination, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var output = File.Create(file.Replace(source, destination, StringComparison.Ordinal));
            input.CopyTo(output);
        }
    }
}
