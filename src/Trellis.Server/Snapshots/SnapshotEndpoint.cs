using System.Globalization;
using Trellis.Consensus;
using Trellis.Core.Errors;
using Trellis.Core.Queries;
using Trellis.Core.Rpc;
using Trellis.Core.Snapshots;
using Trellis.Server.Blocking;
using Trellis.State;
using Trellis.State.Commands;

namespace Trellis.Server.Snapshots;

/// <summary>
/// <c>/v1/snapshot</c>: save writes a <see cref="SnapshotArchive"/> of one store snapshot; restore reads the whole
/// archive, verifies checksums and that <c>state.bin</c> decodes, and only then proposes a <see cref="RestoreCommand"/>,
/// so a bad archive changes nothing.
/// </summary>
/// <remarks>Thread-safe; holds no per-request state.</remarks>
public sealed class SnapshotEndpoint : ISnapshotRpc
{
    private readonly IRaftNode _raft;
    private readonly TimeProvider _time;
    private readonly BlockingQueryRunner _queries;

    public SnapshotEndpoint(IRaftNode raft, TimeProvider time, ServerOptions options)
    {
        _ = options;
        _raft = raft;
        _time = time;
        _queries = new BlockingQueryRunner(raft, time);
    }

    public async Task<ulong> SaveAsync(Stream destination, QueryOptions options, CancellationToken cancellationToken)
    {
        await _queries.EnsureReadableAsync(options, cancellationToken).ConfigureAwait(false);
        var snapshot = _raft.Store.Snapshot();
        using var state = new MemoryStream();
        StateStore.WriteTo(snapshot, state);

        var term = (ulong)Math.Max(0, _raft.Term);
        var meta = new SnapshotMeta
        {
            ID = string.Create(CultureInfo.InvariantCulture, $"{term}-{snapshot.Index}-{_time.GetUtcNow().ToUnixTimeMilliseconds()}"),
            Index = snapshot.Index,
            Term = term,
        };
        await SnapshotArchive.WriteAsync(destination, meta, state.GetBuffer().AsMemory(0, (int)state.Length), cancellationToken).ConfigureAwait(false);
        return snapshot.Index;
    }

    public async Task RestoreAsync(Stream archive, string? token, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await archive.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;

        SnapshotContents contents;
        try
        {
            contents = await SnapshotArchive.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            new StateStore().Restore(new MemoryStream(contents.State, writable: false));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidRequestException($"failed to read snapshot file: {e.Message}", e);
        }

        await _raft.ApplyAsync(new RestoreCommand(contents.State), cancellationToken).ConfigureAwait(false);
    }
}
