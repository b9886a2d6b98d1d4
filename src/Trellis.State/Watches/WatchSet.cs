namespace Trellis.State.Watches;

/// <summary>
/// The topics one blocking query depends on (a key, a key prefix, a whole table). Reads on a
/// <see cref="StoreSnapshot"/> add the topics they touched when given a watch set; <see cref="StateStore.Register"/>
/// then arms it so that the next commit touching any topic completes <see cref="WaitAsync"/>.
/// Disposing removes every registration: a cancelled or finished query leaves nothing behind.
/// </summary>
/// <remarks>One query (one thread at a time) owns a watch set; the store's writer signals it from its own thread.</remarks>
public sealed class WatchSet : IDisposable
{
    /// <summary>Completes when a commit touched one of the armed topics, or throws when cancelled.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => throw new NotImplementedException("State helper: implement");

    public void Dispose() => throw new NotImplementedException("State helper: implement");
}
