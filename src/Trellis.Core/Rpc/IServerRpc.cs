namespace Trellis.Core.Rpc;

/// <summary>
/// Everything an agent asks of the servers. An agent in server mode gets an in-process implementation;
/// a client agent will get one that forwards over the network. Agent and HTTP code depend only on this.
/// </summary>
public interface IServerRpc
{
    IKvRpc Kv { get; }

    ISessionRpc Session { get; }

    ITxnRpc Txn { get; }

    IStatusRpc Status { get; }

    IOperatorRpc Operator { get; }

    ISnapshotRpc Snapshot { get; }

    ICatalogRpc Catalog { get; }

    IHealthRpc Health { get; }

    IPreparedQueryRpc PreparedQuery { get; }
}
