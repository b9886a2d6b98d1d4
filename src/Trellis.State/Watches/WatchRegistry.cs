using Trellis.State.Tables;

namespace Trellis.State.Watches;

/// <summary>
/// The armed watch sets of one store, indexed by topic so that a commit finds exactly the watchers it affects:
/// for each changed key, its exact-key watchers and the prefix watchers of every prefix of it, plus table watchers.
/// </summary>
/// <remarks>
/// Thread-safe: all state is guarded by one short lock. Watch sets are completed outside the lock, and their
/// continuations run asynchronously, so the writer never runs query code.
/// </remarks>
internal sealed class WatchRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<WatchSet>> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<WatchSet>> _prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<WatchSet>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<WatchSet>> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<WatchSet>> _nodes = new(StringComparer.Ordinal);

    /// <summary>How many prefix topics there are of each length, so a commit only probes lengths in use.</summary>
    private readonly SortedDictionary<int, int> _prefixLengths = [];

    private int _count;

    /// <summary>Registrations (topic, watch set) alive right now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Adds the registrations of <paramref name="watch"/>, read at index <paramref name="readIndex"/>.
    /// False when it was disposed or armed before.
    /// </summary>
    public bool Arm(WatchSet watch, ulong readIndex)
    {
        lock (_gate)
        {
            if (!watch.TryArm(this, readIndex))
            {
                return false;
            }

            foreach (var topic in watch.Topics)
            {
                var (map, name) = MapOf(topic);
                if (!map.TryGetValue(name, out var set))
                {
                    map[name] = set = [];
                    if (topic.Kind == WatchTopicKind.Prefix)
                    {
                        _prefixLengths[name.Length] = _prefixLengths.GetValueOrDefault(name.Length) + 1;
                    }
                }

                set.Add(watch);
                _count++;
            }

            return true;
        }
    }

    /// <summary>Drops every registration of <paramref name="watch"/>. Idempotent.</summary>
    public void Remove(WatchSet watch)
    {
        lock (_gate)
        {
            RemoveLocked(watch);
        }
    }

    /// <summary>
    /// Fires and removes the watch sets affected by <paramref name="changes"/>, made by the command at
    /// <paramref name="index"/>. Sets armed from a snapshot that already includes it are left armed.
    /// </summary>
    /// <remarks>
    /// Called after the new root is published. Always takes the lock (no unlocked fast path): the lock orders this
    /// against <see cref="Arm"/>, so a set armed later reads the published root and one armed earlier is found here.
    /// </remarks>
    public void Notify(ChangeSet changes, ulong index)
    {
        List<WatchSet>? fired = null;
        lock (_gate)
        {
            if (changes.Everything)
            {
                fired = [.. _keys.Values.SelectMany(s => s).Concat(_prefixes.Values.SelectMany(s => s)).Concat(_tables.Values.SelectMany(s => s))
                    .Concat(_services.Values.SelectMany(s => s)).Concat(_nodes.Values.SelectMany(s => s)).Distinct()];
            }
            else
            {
                var hits = new HashSet<WatchSet>();
                var prefixLookup = _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
                foreach (var key in changes.Keys)
                {
                    if (_keys.TryGetValue(key, out var exact))
                    {
                        hits.UnionWith(exact);
                    }

                    foreach (var length in _prefixLengths.Keys)
                    {
                        if (length > key.Length)
                        {
                            break;
                        }

                        if (prefixLookup.TryGetValue(key.AsSpan(0, length), out var under))
                        {
                            hits.UnionWith(under);
                        }
                    }
                }

                foreach (var table in changes.Tables)
                {
                    if (_tables.TryGetValue(table, out var watchers))
                    {
                        hits.UnionWith(watchers);
                    }
                }

                Collect(_services, changes.Services, hits);
                Collect(_nodes, changes.Nodes, hits);
                fired = [.. hits.Where(w => w.ReadIndex < index)];
            }

            foreach (var watch in fired)
            {
                RemoveLocked(watch);
            }
        }

        foreach (var watch in fired)
        {
            watch.Fire();
        }
    }

    private static void Collect(Dictionary<string, HashSet<WatchSet>> map, HashSet<string> changed, HashSet<WatchSet> hits)
    {
        if (map.Count == 0)
        {
            return;
        }

        foreach (var name in changed)
        {
            if (map.TryGetValue(name, out var watchers))
            {
                hits.UnionWith(watchers);
            }
        }
    }

    private void RemoveLocked(WatchSet watch)
    {
        if (!watch.TryDisarm())
        {
            return;
        }

        foreach (var topic in watch.Topics)
        {
            var (map, name) = MapOf(topic);
            if (!map.TryGetValue(name, out var set) || !set.Remove(watch))
            {
                continue;
            }

            _count--;
            if (set.Count == 0)
            {
                map.Remove(name);
                if (topic.Kind == WatchTopicKind.Prefix)
                {
                    var n = _prefixLengths[name.Length] - 1;
                    if (n == 0)
                    {
                        _prefixLengths.Remove(name.Length);
                    }
                    else
                    {
                        _prefixLengths[name.Length] = n;
                    }
                }
            }
        }
    }

    private (Dictionary<string, HashSet<WatchSet>> Map, string Name) MapOf(WatchTopic topic) => topic.Kind switch
    {
        WatchTopicKind.Key => (_keys, topic.Name),
        WatchTopicKind.Prefix => (_prefixes, topic.Name),
        WatchTopicKind.Service => (_services, topic.Name),
        WatchTopicKind.Node => (_nodes, topic.Name),
        _ => (_tables, topic.Name),
    };
}
