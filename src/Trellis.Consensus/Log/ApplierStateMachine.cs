using System.Buffers;
using DotNext.IO;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;

namespace Trellis.Consensus.Log;

/// <summary>
/// Bridges DotNext's WAL to an <see cref="ICommandApplier"/>: applies committed entries in order, completes the
/// matching <see cref="Proposal"/>, and asks for a snapshot every <c>threshold</c> entries (the WAL then drops the
/// log behind it).
/// </summary>
/// <remarks>
/// The WAL calls <see cref="ApplyAsync"/> from its single apply loop; <see cref="PersistAsync"/> runs before the next
/// apply starts, so the applier is never used concurrently. <see cref="LastAppliedIndex"/> is readable from any thread.
/// </remarks>
internal sealed class ApplierStateMachine : SimpleStateMachine
{
    private readonly ICommandApplier applier;
    private readonly long threshold;
    private readonly ILogger logger;
    private long sinceSnapshot;
    private long lastApplied;

    public ApplierStateMachine(DirectoryInfo location, ICommandApplier applier, long threshold, ILogger logger)
        : base(location)
    {
        this.applier = applier;
        this.threshold = threshold;
        this.logger = logger;
    }

    /// <summary>The index of the last entry handed to the applier (or restored from a snapshot).</summary>
    public long LastAppliedIndex => Volatile.Read(ref lastApplied);

    /// <summary>Number of snapshots written by this instance.</summary>
    public int SnapshotsTaken { get; private set; }

    protected override ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        var proposal = entry.Context as Proposal;
        if (!entry.IsConfiguration && entry.TryGetPayload(out var payload) && !payload.IsEmpty)
        {
            try
            {
                var result = payload.IsSingleSegment
                    ? applier.Apply(payload.FirstSpan, checked((ulong)entry.Index))
                    : applier.Apply(payload.ToArray(), checked((ulong)entry.Index));
                proposal?.TrySetResult(result);
            }
            catch (Exception e)
            {
                // A deterministic applier fails the same way on every server; the entry stays in the log.
                logger.LogWarning(e, "Applying raft entry {Index} failed", entry.Index);
                proposal?.TrySetException(e);
            }
        }
        else
        {
            proposal?.TrySetResult(null);
        }

        Volatile.Write(ref lastApplied, entry.Index);
        if (++sinceSnapshot < threshold)
            return ValueTask.FromResult(false);

        sinceSnapshot = 0;
        return ValueTask.FromResult(true);
    }

    protected override async ValueTask PersistAsync(IAsyncBinaryWriter writer, CancellationToken token)
    {
        var temp = Path.Combine(Path.GetTempPath(), "trellis-snap-" + Path.GetRandomFileName());
        await using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        applier.WriteSnapshot(stream);
        await stream.FlushAsync(token);
        stream.Position = 0;
        await writer.CopyFromAsync(stream, count: null, token);
        SnapshotsTaken++;
    }

    protected override async ValueTask RestoreAsync(FileInfo snapshotFile, CancellationToken token)
    {
        await using var stream = new FileStream(snapshotFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read,
            bufferSize: 64 * 1024, FileOptions.SequentialScan | FileOptions.Asynchronous);
        applier.RestoreSnapshot(stream);
        if (TryParseIndex(snapshotFile.Name, out var index))
            Volatile.Write(ref lastApplied, index);
        sinceSnapshot = 0;
    }

    private static bool TryParseIndex(string fileName, out long index)
    {
        var dash = fileName.IndexOf('-', StringComparison.Ordinal);
        index = 0;
        return dash > 0 && long.TryParse(fileName.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture, out index);
    }
}
