using System.Net;
using System.Net.Sockets;
using Trellis.Consensus;
using Trellis.Core.Kv;
using Trellis.Core.Queries;
using Trellis.Core.Sessions;
using Trellis.Core.Txn;
using Trellis.Server.Tests.Testing;
using Trellis.State;

namespace Trellis.Server.Tests;

/// <summary>The endpoints over the real single-node <see cref="RaftNode"/> (in-memory log, loopback port).</summary>
public sealed class ServerRpcRaftNodeTests
{
    [Fact]
    public async Task ServerRpc_OnRealRaftNode_WritesReadsBlocksAndExpiresSessions()
    {
        var options = new RaftNodeOptions
        {
            NodeId = Guid.NewGuid().ToString(),
            NodeName = "node1",
            Endpoint = FreeEndpoint(),
            Bootstrap = true,
        };
        await using var raft = new RaftNode(options, new StateStore());
        using var rpc = new ServerRpc(raft, TimeProvider.System, new ServerOptions { NodeName = "node1", SessionTtlMin = TimeSpan.FromMilliseconds(50) });
        await raft.StartAsync(CancellationToken.None);
        Assert.True(await ServerFixture.EventuallyAsync(() => raft.IsLeader, TimeSpan.FromSeconds(20)));

        Assert.True(await rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "a", Value = [1] }, null, default));
        var first = await rpc.Kv.GetAsync("a", QueryOptions.Default, default);
        var blocked = rpc.Kv.GetAsync("a", ServerFixture.Blocking(first.Meta.Index, TimeSpan.FromMinutes(1)), default);
        await rpc.Kv.ApplyAsync(KvVerb.Set, new KvEntry { Key = "a", Value = [2] }, null, default);
        var changed = await blocked.WaitAsync(ServerFixture.Bound);
        Assert.Equal([2], changed.Value!.Value);

        var session = await rpc.Session.CreateAsync(new Session { ID = "", Node = "node1", TTL = "100ms" }, null, default);
        Assert.True(await rpc.Kv.ApplyAsync(KvVerb.Lock, new KvEntry { Key = "lock", Session = session }, null, default));
        Assert.True(await ServerFixture.EventuallyAsync(() => raft.Store.Snapshot().SessionGet(session).Session is null));
        Assert.Null(raft.Store.Snapshot().KvGet("lock").Entry!.Session);
    }

    private static IPEndPoint FreeEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new IPEndPoint(IPAddress.Loopback, port);
    }
}
