namespace Trellis.State.Watches;

/// <summary>The kinds of watch topics.</summary>
internal enum WatchTopicKind
{
    /// <summary>One exact KV key.</summary>
    Key,

    /// <summary>Every KV key starting with a prefix.</summary>
    Prefix,

    /// <summary>A whole table ("kvs", "sessions").</summary>
    Table,
}
