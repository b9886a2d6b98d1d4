using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Trellis.Consensus.Tests;

public sealed class ReplicatedLogTests(ITestOutputHelper output)
{
    private static ReadOnlyMemory<byte> Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task StartAsync_Bootstrap_ElectsItselfAndApplies()
    {
        using var dir = new TempDir();
        var applier = new RecordingApplier();
        var options = RaftTestKit.Options(dir.Path);
        await using var log = new ReplicatedLog(options, applier);
        await log.StartAsync(CancellationToken.None);
        await RaftTestKit.WaitForLeaderAsync(log);

        var result = await log.ProposeAsync(Bytes("hello"), CancellationToken.None);

        Assert.Equal("r:hello", result);
        Assert.Equal("hello", Assert.Single(applier.Entries).Payload);
        Assert.Equal(options.Address, log.LeaderAddress);
        Assert.Equal(TimeSpan.Zero, log.LastContact);
        var server = Assert.Single(log.Configuration.Servers);
        Assert.Equal(options.NodeId, server.ID);
        Assert.Equal("node1", server.Node);
        Assert.Equal(options.Address, server.Address);
        Assert.True(server.Leader);
        Assert.True(server.Voter);
        Assert.Equal("3", server.ProtocolVersion);
    }

    [Fact]
    public async Task StartAsync_FreshBootstrap_CommitsBootstrapEntryAtIndexOneAndFirstProposalGetsTwo()
    {
        var applier = new RecordingApplier();
        await using var log = new ReplicatedLog(RaftTestKit.Options(dataDir: null), applier);
        await log.StartAsync(CancellationToken.None);

        // Committed before StartAsync returns, so no client entry can take index 1 (Consul's bootstrap configuration slot).
        Assert.Equal(1UL, log.CommitIndex);
        Assert.Equal(1UL, log.AppliedIndex);
        Assert.Empty(applier.Entries); // the applier never sees the bootstrap entry

        await log.ProposeAsync(Bytes("first"), CancellationToken.None);

        Assert.Equal((2UL, "first"), Assert.Single(applier.Entries));
    }

    [Fact]
    public async Task StartAsync_RestartOfBootstrappedDataDir_AddsNoSecondBootstrapEntry()
    {
        using var dir = new TempDir();
        await using (var log = new ReplicatedLog(RaftTestKit.Options(dir.Path), new RecordingApplier()))
        {
            await log.StartAsync(CancellationToken.None);
            await log.ProposeAsync(Bytes("a"), CancellationToken.None);
            Assert.Equal(2UL, log.LastIndex);
        }

        var applier = new RecordingApplier();
        await using (var log = new ReplicatedLog(RaftTestKit.Options(dir.Path), applier))
        {
            await log.StartAsync(CancellationToken.None);
            Assert.Equal(2UL, log.LastIndex);
            await RaftTestKit.WaitForLeaderAsync(log);
            await log.ProposeAsync(Bytes("b"), CancellationToken.None);
            Assert.Equal([(2UL, "a"), (3UL, "b")], applier.Entries);
        }
    }

    [Fact]
    public async Task StartAsync_NotBootstrapping_AppendsNothing()
    {
        await using var log = new ReplicatedLog(RaftTestKit.Options(dataDir: null, bootstrap: false), new RecordingApplier());
        await log.StartAsync(CancellationToken.None);

        Assert.Equal(0UL, log.LastIndex);
    }

    [Fact]
    public async Task DisposeAsync_ProposalsInFlight_EachCompletesOrFailsWithoutHanging()
    {
        var log = new ReplicatedLog(RaftTestKit.Options(dataDir: null), new RecordingApplier());
        await log.StartAsync(CancellationToken.None);
        await RaftTestKit.WaitForLeaderAsync(log);
        var tasks = Enumerable.Range(0, 200).Select(i => log.ProposeAsync(Bytes($"d{i}"), CancellationToken.None)).ToArray();

        await log.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var task in tasks)
        {
            try
            {
                Assert.Equal($"r:d{Array.IndexOf(tasks, task)}", await task.WaitAsync(TimeSpan.FromSeconds(10)));
            }
            catch (Exception e) when (e is NotLeaderException or ObjectDisposedException)
            {
                // Shut down before it was applied: the caller learns it, it does not hang.
            }
        }
    }

    [Fact]
    public async Task ProposeAsync_ThousandConcurrent_EachCallerGetsItsOwnResult()
    {
        var applier = new RecordingApplier();
        await using var log = new ReplicatedLog(RaftTestKit.Options(dataDir: null), applier);
        await log.StartAsync(CancellationToken.None);
        await RaftTestKit.WaitForLeaderAsync(log);

        var tasks = Enumerable.Range(0, 1000)
            .Select(i => Task.Run(() => log.ProposeAsync(Bytes($"p{i}"), CancellationToken.None)))
            .ToArray();
        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));

        for (var i = 0; i < results.Length; i++)
            Assert.Equal($"r:p{i}", results[i]);
        Assert.Equal(1000, applier.Entries.Select(e => e.Payload).Distinct().Count());
    }

    [Fact]
    public async Task ProposeAsync_InMemory_AppliesAndLeavesNoFilesBehind()
    {
        var applier = new RecordingApplier();
        var log = new ReplicatedLog(RaftTestKit.Options(dataDir: null), applier);
        await using (log)
        {
            await log.StartAsync(CancellationToken.None);
            await RaftTestKit.WaitForLeaderAsync(log);
            Assert.True(log.InMemory);
            Assert.True(Directory.Exists(log.StorageDirectory));
            Assert.Equal("r:x", await log.ProposeAsync(Bytes("x"), CancellationToken.None));
            Assert.Equal("r:y", await log.ProposeAsync(Bytes("y"), CancellationToken.None));
        }

        Assert.Equal(["x", "y"], applier.Entries.Select(e => e.Payload));
        Assert.False(Directory.Exists(log.StorageDirectory), "the in-memory log's scratch directory must be removed on dispose");
    }

    [Fact]
    public async Task ProposeAsync_NotBootstrappedWithoutMembers_ThrowsNotLeader()
    {
        await using var log = new ReplicatedLog(RaftTestKit.Options(dataDir: null, bootstrap: false), new RecordingApplier());
        await log.StartAsync(CancellationToken.None);

        var e = await Assert.ThrowsAsync<NotLeaderException>(() => log.ProposeAsync(Bytes("x"), CancellationToken.None));
        Assert.Null(e.LeaderAddress);
        Assert.False(log.IsLeader);
        await Assert.ThrowsAsync<NotLeaderException>(() => log.VerifyLeadershipAsync(CancellationToken.None));
    }

    [Fact]
    public async Task StartAsync_ReopenSameDataDir_ReplaysEveryAcknowledgedEntryOnceInOrder()
    {
        using var dir = new TempDir();
        var acknowledged = new List<(ulong Index, string Payload)>();
        var first = new RecordingApplier();
        await using (var log = new ReplicatedLog(RaftTestKit.Options(dir.Path), first))
        {
            await log.StartAsync(CancellationToken.None);
            await RaftTestKit.WaitForLeaderAsync(log);
            var tasks = Enumerable.Range(0, 500).Select(i => log.ProposeAsync(Bytes($"e{i}"), CancellationToken.None)).ToArray();
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
            acknowledged.AddRange(first.Entries);
        }

        Assert.Equal(500, acknowledged.Count);
        var second = new RecordingApplier();
        await using (var log = new ReplicatedLog(RaftTestKit.Options(dir.Path), second))
        {
            await log.StartAsync(CancellationToken.None);
            Assert.Equal(acknowledged, second.Entries); // replayed before serving, same indexes, same order, once
            await RaftTestKit.WaitForLeaderAsync(log);
            Assert.Equal("r:after", await log.ProposeAsync(Bytes("after"), CancellationToken.None));
            Assert.True(second.Entries[^1].Index > acknowledged[^1].Index);
        }
    }

    [Fact]
    public async Task StartAsync_AfterSnapshotAndCompaction_RestoresSnapshotPlusSuffix()
    {
        using var dir = new TempDir();
        List<(ulong Index, string Payload)> before;
        await using (var log = new ReplicatedLog(RaftTestKit.Options(dir.Path, snapshotThreshold: 100), new RecordingApplier()))
        {
            await log.StartAsync(CancellationToken.None);
            await RaftTestKit.WaitForLeaderAsync(log);
            var applier = new List<Task<object?>>();
            for (var i = 0; i < 1050; i++)
                applier.Add(log.ProposeAsync(Bytes($"s{i}"), CancellationToken.None));
            await Task.WhenAll(applier).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(log.SnapshotsTaken >= 5, $"expected snapshots, got {log.SnapshotsTaken}");
        }

        var snapshots = Directory.GetFiles(Path.Combine(dir.Path, "raft", "snapshots"));
        Assert.NotEmpty(snapshots);

        var restored = new RecordingApplier();
        await using (var log = new ReplicatedLog(RaftTestKit.Options(dir.Path, snapshotThreshold: 100), restored))
        {
            await log.StartAsync(CancellationToken.None);
            Assert.Equal(1, restored.Restores);
            before = [.. restored.Entries];
        }

        var payloads = before.Where(e => e.Payload.StartsWith('s')).Select(e => e.Payload).ToHashSet();
        Assert.Equal(1050, payloads.Count);
        Assert.Equal(before.Count, before.Select(e => e.Index).Distinct().Count());
    }

    [Fact]
    public async Task LeadershipAcquired_Bootstrap_FiresWithTokenCancelledOnDispose()
    {
        var fired = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new ReplicatedLog(RaftTestKit.Options(dataDir: null), new RecordingApplier());
        log.LeadershipAcquired += token => fired.TrySetResult(token);
        CancellationToken leadership;
        await using (log)
        {
            await log.StartAsync(CancellationToken.None);
            leadership = await fired.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.False(leadership.IsCancellationRequested);
            Assert.True(log.IsLeader);
            await log.VerifyLeadershipAsync(CancellationToken.None);
            Assert.Equal(log.CommitIndex, log.AppliedIndex);
        }

        Assert.True(leadership.IsCancellationRequested);
    }

    [Fact]
    public async Task ProposeAsync_ConcurrentWithDataDir_ReportsThroughput()
    {
        using var dir = new TempDir();
        await using var log = new ReplicatedLog(RaftTestKit.Options(dir.Path), new RecordingApplier());
        await log.StartAsync(CancellationToken.None);
        await RaftTestKit.WaitForLeaderAsync(log);
        var payload = new byte[128];
        const int total = 20_000;
        const int concurrency = 256;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < total)
                await log.ProposeAsync(payload, CancellationToken.None);
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(3));
        clock.Stop();

        Assert.True(log.AppliedIndex >= total);
        output.WriteLine($"durable ProposeAsync: {total} entries, concurrency {concurrency}, {clock.Elapsed.TotalSeconds:F2}s, {total / clock.Elapsed.TotalSeconds:F0} writes/s");
    }

    [Fact]
    public async Task DisposeAsync_Started_ReleasesListenerPort()
    {
        var options = RaftTestKit.Options(dataDir: null);
        await using (var log = new ReplicatedLog(options, new RecordingApplier()))
        {
            await log.StartAsync(CancellationToken.None);
            await RaftTestKit.WaitForLeaderAsync(log);
            using var probe = new System.Net.Sockets.TcpListener(options.Endpoint);
            Assert.ThrowsAny<System.Net.Sockets.SocketException>(() => probe.Start());
        }

        using var listener = new System.Net.Sockets.TcpListener(options.Endpoint);
        listener.Start(); // throws if the Raft listener still holds the port
        listener.Stop();
    }
}
