using System.Text;
using Trellis.Consensus.Log;

namespace Trellis.Consensus.Tests.Log;

public sealed class ProposalBatcherTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static ReadOnlyMemory<byte> Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task ProposeAsync_SequentialCallers_AppendedInQueueOrderEachWithOwnResult()
    {
        var log = new FakeLog();
        await using var batcher = log.CreateBatcher(maxBatch: 8);
        batcher.Start();

        var results = new List<object?>();
        for (var i = 0; i < 20; i++)
            results.Add(await batcher.ProposeAsync(Bytes($"e{i}"), CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"e{i}"), log.Appended);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (object?)$"r:e{i}@{i + 1}"), results);
    }

    [Fact]
    public async Task ProposeAsync_QueuedWhileCommitting_NextBatchTakesAllQueuedInOrderBounded()
    {
        var log = new FakeLog();
        await using var batcher = log.CreateBatcher(maxBatch: 4);
        log.HoldCommits();
        batcher.Start();

        var first = batcher.ProposeAsync(Bytes("first"), CancellationToken.None);
        await log.CommitStarted.WaitAsync(Bound);
        var queued = Enumerable.Range(0, 10).Select(i => batcher.ProposeAsync(Bytes($"q{i}"), CancellationToken.None)).ToArray();
        log.ReleaseCommits();

        Assert.Equal("r:first@1", await first.WaitAsync(Bound));
        var results = await Task.WhenAll(queued).WaitAsync(Bound);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (object?)$"r:q{i}@{i + 2}"), results);
        Assert.Equal([1, 4, 4, 2], log.BatchSizes); // one append round per batch, never more than maxBatch
        Assert.Equal(4, batcher.Batches);
    }

    [Fact]
    public async Task ProposeAsync_ApplierThrowsForOneEntry_OnlyThatCallerGetsTheException()
    {
        var log = new FakeLog();
        await using var batcher = log.CreateBatcher(maxBatch: 16);
        log.HoldCommits();
        batcher.Start();
        var gate = batcher.ProposeAsync(Bytes("gate"), CancellationToken.None);
        await log.CommitStarted.WaitAsync(Bound);

        var ok1 = batcher.ProposeAsync(Bytes("a"), CancellationToken.None);
        var bad = batcher.ProposeAsync(Bytes("apply-fails"), CancellationToken.None);
        var ok2 = batcher.ProposeAsync(Bytes("b"), CancellationToken.None);
        log.ReleaseCommits();

        Assert.Equal("r:a@2", await ok1.WaitAsync(Bound));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(Bound));
        Assert.Equal("apply failed at 3", e.Message);
        Assert.Equal("r:b@4", await ok2.WaitAsync(Bound));
        Assert.Equal("r:gate@1", await gate.WaitAsync(Bound));
    }

    [Fact]
    public async Task ProposeAsync_AppendFailsMidBatch_EarlierEntriesCommitLaterCallersGetTheException()
    {
        var log = new FakeLog();
        await using var batcher = log.CreateBatcher(maxBatch: 16);
        log.HoldCommits();
        batcher.Start();
        var gate = batcher.ProposeAsync(Bytes("gate"), CancellationToken.None);
        await log.CommitStarted.WaitAsync(Bound);

        var before = batcher.ProposeAsync(Bytes("a"), CancellationToken.None);
        var failing = batcher.ProposeAsync(Bytes("append-fails"), CancellationToken.None);
        var after = batcher.ProposeAsync(Bytes("b"), CancellationToken.None);
        log.ReleaseCommits();

        Assert.Equal("r:a@2", await before.WaitAsync(Bound));
        Assert.Equal("disk full", (await Assert.ThrowsAsync<IOException>(() => failing.WaitAsync(Bound))).Message);
        Assert.Equal("disk full", (await Assert.ThrowsAsync<IOException>(() => after.WaitAsync(Bound))).Message);
        Assert.Equal(["gate", "a"], log.Appended);

        // The loop goes on with the next batch.
        Assert.Equal("r:c@3", await batcher.ProposeAsync(Bytes("c"), CancellationToken.None).WaitAsync(Bound));
    }

    [Fact]
    public async Task ProposeAsync_CommitFails_UncompletedCallersOfThatBatchGetTheException()
    {
        var log = new FakeLog { FailNextCommit = new TimeoutException("quorum lost") };
        await using var batcher = log.CreateBatcher(maxBatch: 16);
        batcher.Start();

        var e = await Assert.ThrowsAsync<TimeoutException>(() => batcher.ProposeAsync(Bytes("x"), CancellationToken.None).WaitAsync(Bound));

        Assert.Equal("quorum lost", e.Message);
        Assert.Equal("r:y@2", await batcher.ProposeAsync(Bytes("y"), CancellationToken.None).WaitAsync(Bound));
    }

    [Fact]
    public async Task ProposeAsync_CancelledWhileQueued_IsWithdrawnAndNeverAppended()
    {
        var log = new FakeLog();
        await using var batcher = log.CreateBatcher(maxBatch: 16);
        log.HoldCommits();
        batcher.Start();
        var gate = batcher.ProposeAsync(Bytes("gate"), CancellationToken.None);
        await log.CommitStarted.WaitAsync(Bound);

        using var cts = new CancellationTokenSource();
        var cancelled = batcher.ProposeAsync(Bytes("cancel-me"), cts.Token);
        var kept = batcher.ProposeAsync(Bytes("kept"), CancellationToken.None);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Bound));
        log.ReleaseCommits();

        Assert.Equal("r:kept@2", await kept.WaitAsync(Bound));
        Assert.Equal("r:gate@1", await gate.WaitAsync(Bound));
        Assert.Equal(["gate", "kept"], log.Appended);
    }

    [Fact]
    public async Task ProposeAsync_AlreadyCancelledToken_ThrowsWithoutQueueing()
    {
        var log = new FakeLog();
        await using var batcher = log.CreateBatcher(maxBatch: 16);
        batcher.Start();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batcher.ProposeAsync(Bytes("x"), new CancellationToken(canceled: true)));
        Assert.Equal("r:y@1", await batcher.ProposeAsync(Bytes("y"), CancellationToken.None).WaitAsync(Bound));
        Assert.Equal(["y"], log.Appended);
    }

    [Fact]
    public async Task DisposeAsync_CallerQueuedBehindUncommittedBatch_BothFailWithObjectDisposed()
    {
        var log = new FakeLog();
        var batcher = log.CreateBatcher(maxBatch: 16);
        log.HoldCommits();
        batcher.Start();
        var inFlight = batcher.ProposeAsync(Bytes("in-flight"), CancellationToken.None);
        await log.CommitStarted.WaitAsync(Bound);
        var queued = batcher.ProposeAsync(Bytes("queued"), CancellationToken.None);

        await batcher.DisposeAsync().AsTask().WaitAsync(Bound);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued.WaitAsync(Bound));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => inFlight.WaitAsync(Bound));
        Assert.Equal(["in-flight"], log.Appended);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.ProposeAsync(Bytes("late"), CancellationToken.None));
    }

    [Fact]
    public async Task ProposeAsync_QueuedBeforeStart_GoesFirstOnceStarted()
    {
        var log = new FakeLog();
        await using var batcher = log.CreateBatcher(maxBatch: 16);
        var early = batcher.ProposeAsync(Bytes("early"), CancellationToken.None);
        await Task.Delay(50);
        Assert.False(early.IsCompleted);
        Assert.Empty(log.Appended);

        batcher.Start();

        Assert.Equal("r:early@1", await early.WaitAsync(Bound));
    }

    [Fact]
    public async Task ProposeAsync_ManyConcurrentCallers_EachGetsItsOwnResultAndIndexesAreDense()
    {
        var log = new FakeLog();
        await using var batcher = log.CreateBatcher(maxBatch: 32);
        batcher.Start();

        var tasks = Enumerable.Range(0, 2000)
            .Select(i => Task.Run(() => batcher.ProposeAsync(Bytes($"c{i}"), CancellationToken.None)))
            .ToArray();
        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));

        for (var i = 0; i < results.Length; i++)
            Assert.StartsWith($"r:c{i}@", (string)results[i]!, StringComparison.Ordinal);
        var indexes = results.Select(r => int.Parse(((string)r!).Split('@')[1], System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(1, 2000), indexes);
        Assert.True(log.BatchSizes.All(size => size <= 32));
    }

    /// <summary>
    /// A log for the batcher: appends record the entry and give it the next index; a commit "applies" every entry
    /// appended since the last commit in order, completing its proposal as the real apply loop does.
    /// </summary>
    /// <remarks>The batcher calls append/commit from its single loop; tests read the recorded lists after awaiting.</remarks>
    private sealed class FakeLog
    {
        private readonly Lock sync = new();
        private readonly List<string> appended = [];
        private readonly List<(PendingProposal Pending, int Index)> uncommitted = [];
        private readonly List<int> batchSizes = [];
        private TaskCompletionSource release = CompletedSource();
        private readonly TaskCompletionSource commitStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? FailNextCommit { get; set; }

        public Task CommitStarted => commitStarted.Task;

        public IReadOnlyList<string> Appended
        {
            get
            {
                lock (sync)
                    return [.. appended];
            }
        }

        public IReadOnlyList<int> BatchSizes
        {
            get
            {
                lock (sync)
                    return [.. batchSizes];
            }
        }

        public ProposalBatcher CreateBatcher(int maxBatch) => new(AppendAsync, CommitAsync, maxBatch);

        public void HoldCommits() => release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReleaseCommits() => release.TrySetResult();

        private static TaskCompletionSource CompletedSource()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }

        private ValueTask AppendAsync(PendingProposal pending, CancellationToken token)
        {
            var payload = Encoding.UTF8.GetString(pending.Entry.Span);
            if (payload == "append-fails")
                return ValueTask.FromException(new IOException("disk full"));
            lock (sync)
            {
                appended.Add(payload);
                uncommitted.Add((pending, appended.Count));
            }

            return ValueTask.CompletedTask;
        }

        private async ValueTask CommitAsync(int count, CancellationToken token)
        {
            lock (sync)
                batchSizes.Add(count);
            commitStarted.TrySetResult();
            await release.Task.WaitAsync(token);
            if (FailNextCommit is { } failure)
            {
                FailNextCommit = null;
                lock (sync)
                    uncommitted.Clear();
                throw failure;
            }

            List<(PendingProposal Pending, int Index)> batch;
            lock (sync)
            {
                batch = [.. uncommitted];
                uncommitted.Clear();
            }

            foreach (var (pending, index) in batch)
            {
                var payload = Encoding.UTF8.GetString(pending.Entry.Span);
                if (payload == "apply-fails")
                    pending.Proposal.TrySetException(new InvalidOperationException($"apply failed at {index}"));
                else
                    pending.Proposal.TrySetResult($"r:{payload}@{index}");
            }
        }
    }
}
