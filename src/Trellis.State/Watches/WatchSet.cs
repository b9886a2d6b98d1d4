namespace Trellis.State.Watches;

/// <summary>
/// The topics one blocking query depends on (a key, a key prefix, a whole table). Reads on a
/// <see cref="StoreSnapshot"/> add the topics they touched when given a watch set; <see cref="StateStore.Register"/>
/// then arms it so that the next commit touching any topic completes <see cref="WaitAsync"/>.
/// Disposing removes every registration: a cancelled or finished query leaves nothing behind.
/// </summary>
/// <remarks>
/// One query (one thread at a time) owns a watch set and adds topics and registers it; the store's writer signals it
/// from its own thread. Registration state is guarded by the owning store's registry lock, so <see cref="Dispose"/>
/// and cancellation are safe against a concurrent commit. A watch set fires at most once and is armed at most once.
/// </remarks>
public sealed class WatchSet : IDisposable
{
    internal const int StateNew = 0;
    internal const int StateArmed = 1;
    internal const int StateRemoved = 2;

    private readonly TaskCompletionSource _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<WatchTopic> _topics = [];
    private CancellationTokenRegistration _cancellation;
    private int _state;
    private WatchRegistry? _registry;

    internal IReadOnlyCollection<WatchTopic> Topics => _topics;

    /// <summary>The index of the snapshot the topics were read from (set when armed, under the registry lock).</summary>
    internal ulong ReadIndex { get; private set; }

    /// <summary>Whether a commit touched one of the topics (or the set was fired at registration).</summary>
    public bool HasFired => _fired.Task.IsCompletedSuccessfully;

    /// <summary>Number of topics recorded so far.</summary>
    public int TopicCount => _topics.Count;

    /// <summary>Records that a read depended on one exact KV key.</summary>
    public void AddKey(string key) => Add(new WatchTopic(WatchTopicKind.Key, key));

    /// <summary>Records that a read depended on every KV key under a prefix.</summary>
    public void AddPrefix(string prefix) => Add(new WatchTopic(WatchTopicKind.Prefix, prefix));

    /// <summary>Records that a read depended on a whole table ("kvs", "sessions").</summary>
    public void AddTable(string table) => Add(new WatchTopic(WatchTopicKind.Table, table));

    /// <summary>Records that a read depended on the health view of one service (case-insensitive).</summary>
    public void AddService(string service) => Add(new WatchTopic(WatchTopicKind.Service, Tables.CatalogKey.Normalize(service)));

    /// <summary>Records that a read depended on one catalog node with its services and checks (case-insensitive).</summary>
    public void AddNode(string node) => Add(new WatchTopic(WatchTopicKind.Node, Tables.CatalogKey.Normalize(node)));

    /// <summary>Completes when a commit touched one of the armed topics, or throws when cancelled.</summary>
    /// <remarks>Cancellation also removes the registrations, exactly as <see cref="Dispose"/> does.</remarks>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled && !_fired.Task.IsCompleted)
        {
            _cancellation.Dispose();
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((WatchSet)state!).Cancel(token), this);
        }

        return _fired.Task;
    }

    public void Dispose()
    {
        _cancellation.Dispose();
        Remove();
    }

    /// <summary>Moves the set from new to armed (called by the registry under its lock). False when already removed or armed.</summary>
    internal bool TryArm(WatchRegistry registry, ulong readIndex)
    {
        ReadIndex = readIndex;
        Volatile.Write(ref _registry, registry);
        return Interlocked.CompareExchange(ref _state, StateArmed, StateNew) == StateNew;
    }

    /// <summary>Marks the set removed (called by the registry under its lock after dropping its registrations).</summary>
    internal bool TryDisarm() => Interlocked.CompareExchange(ref _state, StateRemoved, StateArmed) == StateArmed;

    /// <summary>Completes the wait (once).</summary>
    internal void Fire() => _fired.TrySetResult();

    private void Add(WatchTopic topic)
    {
        if (Volatile.Read(ref _state) != StateNew)
        {
            throw new InvalidOperationException("A watch set cannot gain topics after it was registered or disposed.");
        }

        _topics.Add(topic);
    }

    private void Remove()
    {
        // Never armed: just make sure it never will be. Armed: drop the registrations under the registry lock.
        if (Interlocked.CompareExchange(ref _state, StateRemoved, StateNew) == StateNew)
        {
            return;
        }

        Volatile.Read(ref _registry)?.Remove(this);
    }

    private void Cancel(CancellationToken token)
    {
        Remove();
        _fired.TrySetCanceled(token);
    }
}
