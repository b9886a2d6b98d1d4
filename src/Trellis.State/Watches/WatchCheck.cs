using Trellis.State.Tables;

namespace Trellis.State.Watches;

/// <summary>Decides precisely whether any topic of a watch changed between two roots.</summary>
/// <remarks>Stateless; both roots are immutable, so any thread may call it.</remarks>
internal static class WatchCheck
{
    public static bool ChangedSince(StoreRoot before, StoreRoot now, IEnumerable<WatchTopic> topics)
    {
        if (ReferenceEquals(before, now))
        {
            return false;
        }

        foreach (var topic in topics)
        {
            var changed = topic.Kind switch
            {
                // Entries are immutable and replaced on every change, so identity tells whether a key changed.
                WatchTopicKind.Key => !ReferenceEquals(KvReads.Get(before.Kvs, topic.Name), KvReads.Get(now.Kvs, topic.Name)),
                WatchTopicKind.Prefix => KvReads.PrefixChanged(before.Kvs, now.Kvs, topic.Name),
                WatchTopicKind.Service => before.ServiceIndexes.GetValueOrDefault(topic.Name) != now.ServiceIndexes.GetValueOrDefault(topic.Name),
                WatchTopicKind.Node => CatalogReads.NodeChanged(before, now, topic.Name),
                _ => topic.Name switch
                {
                    StoreWriter.KvsTable => !ReferenceEquals(before.Kvs, now.Kvs),
                    StoreWriter.SessionsTable => !ReferenceEquals(before.Sessions, now.Sessions),
                    StoreWriter.NodesTable => !ReferenceEquals(before.Nodes, now.Nodes),
                    StoreWriter.ServicesTable => !ReferenceEquals(before.Services, now.Services),
                    StoreWriter.ChecksTable => !ReferenceEquals(before.Checks, now.Checks),
                    StoreWriter.PreparedQueriesTable => !ReferenceEquals(before.PreparedQueries, now.PreparedQueries),
                    _ => true,
                },
            };
            if (changed)
            {
                return true;
            }
        }

        return false;
    }
}
