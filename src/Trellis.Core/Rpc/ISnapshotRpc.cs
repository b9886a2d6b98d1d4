using Trellis.Core.Queries;

namespace Trellis.Core.Rpc;

/// <summary>Point-in-time snapshots of all replicated state (<c>/v1/snapshot</c>).</summary>
public interface ISnapshotRpc
{
    /// <summary>Writes a snapshot archive (tar.gz: meta.json, state.bin, SHA256SUMS) and returns the index it was taken at.</summary>
    Task<ulong> SaveAsync(Stream destination, QueryOptions options, CancellationToken cancellationToken);

    /// <summary>Verifies an archive and replaces all state with it atomically; a corrupt archive changes nothing.</summary>
    Task RestoreAsync(Stream archive, string? token, CancellationToken cancellationToken);
}
