using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Trellis.Consensus.Log;

/// <summary>
/// Group commit for proposals. Callers queue their entries; one appender loop takes everything queued (at most
/// <c>maxBatch</c> entries), appends them in queue order, then hands the batch to the replication step (one replication
/// round, one WAL flush, for everything appended so far), and takes the next batch; the apply loop completes each
/// caller with its own result. The replication step may wait for the commit or only start the round (pipelining).
/// </summary>
/// <remarks>
/// <para><see cref="ProposeAsync"/> may be called from any thread. Appending and committing happen only on the single
/// appender loop started by <see cref="Start"/>, so entries get log indexes in the order they were queued.</para>
/// <para>A caller cancelled while still queued is withdrawn and never appended. A caller cancelled after its entry was
/// taken stops waiting, but the entry may still commit and apply. When appending an entry fails, that caller and every
/// later caller of the same batch get the exception (earlier entries of the batch are in the log and go on); when the
/// commit of a batch fails, its callers that are not completed yet get the exception.</para>
/// <para><see cref="DisposeAsync"/> stops the loop and fails every caller that is still queued or whose batch was not
/// committed with <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
internal sealed class ProposalBatcher : IAsyncDisposable
{
    private readonly Channel<PendingProposal> queue =
        Channel.CreateUnbounded<PendingProposal>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<PendingProposal, CancellationToken, ValueTask> appendOne;
    private readonly Func<int, CancellationToken, ValueTask> commitBatch;
    private readonly int maxBatch;
    private readonly ILogger logger;
    private readonly CancellationTokenSource lifetime = new();
    private Task loop = Task.CompletedTask;
    private long batches;
    private int started;
    private int disposed;

    /// <param name="appendOne">Appends one entry to the log (with its <see cref="PendingProposal.Proposal"/> as context).</param>
    /// <param name="commitBatch">
    /// Starts (and may wait for) the replication round that makes the entries appended so far durable and committed;
    /// gets the batch size. An exception fails the batch's callers that are not completed yet.
    /// </param>
    /// <param name="maxBatch">The most entries one batch takes.</param>
    /// <param name="logger">Logs failed batches.</param>
    public ProposalBatcher(
        Func<PendingProposal, CancellationToken, ValueTask> appendOne,
        Func<int, CancellationToken, ValueTask> commitBatch,
        int maxBatch,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(appendOne);
        ArgumentNullException.ThrowIfNull(commitBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        this.appendOne = appendOne;
        this.commitBatch = commitBatch;
        this.maxBatch = maxBatch;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Number of batches appended so far (for tests and metrics).</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Starts the appender loop; entries queued before are kept and go first. Idempotent.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (Interlocked.Exchange(ref started, 1) == 0)
            loop = Task.Run(() => RunAsync(lifetime.Token), CancellationToken.None);
    }

    /// <summary>Queues <paramref name="entry"/> and completes with the applier's result once it is committed and applied.</summary>
    public async Task<object?> ProposeAsync(ReadOnlyMemory<byte> entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var pending = new PendingProposal(entry);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(pending), this);

        try
        {
            return await pending.Proposal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Withdraw it if the appender has not taken it yet; otherwise it may still commit.
            pending.TryCancel();
            throw;
        }
    }

    private async Task RunAsync(CancellationToken token)
    {
        var batch = new List<PendingProposal>(maxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                token.ThrowIfCancellationRequested();
                batch.Clear();
                while (batch.Count < maxBatch && queue.Reader.TryRead(out var pending))
                {
                    if (pending.TryTake())
                        batch.Add(pending);
                }

                if (batch.Count > 0)
                    await AppendAndCommitAsync(batch, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed: DisposeAsync fails whatever is still queued.
        }
        catch (Exception e)
        {
            // Never expected (the batch step catches its own failures); keep callers from hanging.
            logger.LogError(e, "Proposal batcher stopped");
            Fail(batch, 0, e);
        }
    }

    private async Task AppendAndCommitAsync(List<PendingProposal> batch, CancellationToken token)
    {
        var appended = 0;
        try
        {
            for (; appended < batch.Count; appended++)
                await appendOne(batch[appended], token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(batch, appended, Translate(e, token));
        }

        if (appended == 0)
            return;

        Interlocked.Increment(ref batches);
        try
        {
            await commitBatch(appended, token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Committing a batch of {Count} proposals failed", appended);
            batch.RemoveRange(appended, batch.Count - appended);
            Fail(batch, 0, Translate(e, token));
        }
    }

    private Exception Translate(Exception e, CancellationToken token) =>
        e is OperationCanceledException && token.IsCancellationRequested ? new ObjectDisposedException(nameof(ProposalBatcher)) : e;

    private static void Fail(List<PendingProposal> batch, int from, Exception e)
    {
        for (var i = from; i < batch.Count; i++)
            batch[i].Proposal.TrySetException(e);
    }

    /// <summary>Stops the loop and fails every caller still queued or waiting on an uncommitted batch. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
            return;

        queue.Writer.TryComplete();
        await lifetime.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (queue.Reader.TryRead(out var pending))
        {
            if (pending.TryTake())
                pending.Proposal.TrySetException(new ObjectDisposedException(nameof(ProposalBatcher)));
        }

        lifetime.Dispose();
    }
}
