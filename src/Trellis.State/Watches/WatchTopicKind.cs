namespace Trellis.State.Watches;

/// <summary>The kinds of watch topics.</summary>
internal enum WatchTopicKind
{
    /// <summary>One exact KV key.</summary>
    Key,

    /// <summary>Every KV key starting with a prefix.</summary>
    Prefix,

    /// <summary>A whole table ("kvs", "sessions", "nodes", "services", "checks").</summary>
    Table,

    /// <summary>The health view of one service name (its instances, their checks and nodes).</summary>
    Service,

    /// <summary>One catalog node: its record, services and checks.</summary>
    Node,
}
