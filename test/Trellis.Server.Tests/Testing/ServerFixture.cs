using Trellis.Core.Queries;
using Trellis.Core.Sessions;

namespace Trellis.Server.Tests.Testing;

/// <summary>A <see cref="ServerRpc"/> over an <see cref="InProcessRaftNode"/> that is leader; short TTL bounds for tests.</summary>
/// <remarks>One test owns one fixture.</remarks>
public sealed class ServerFixture : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public ServerFixture(ServerOptions? options = null, bool leader = true)
    {
        Options = options ?? new ServerOptions { NodeName = "node1", SessionTtlMin = TimeSpan.FromMilliseconds(50) };
        Rpc = new ServerRpc(Raft, TimeProvider.System, Options);
        if (leader)
        {
            Raft.BecomeLeader();
        }
    }

    public InProcessRaftNode Raft { get; } = new();

    public ServerOptions Options { get; }

    public ServerRpc Rpc { get; }

    public Task<string> CreateSessionAsync(string ttl = "", long lockDelayNs = 0, SessionBehavior behavior = SessionBehavior.Release) =>
        Rpc.Session.CreateAsync(new Session { ID = "", Node = "node1", TTL = ttl, LockDelay = lockDelayNs, Behavior = behavior }, null, CancellationToken.None);

    public static QueryOptions Blocking(ulong index, TimeSpan wait) => new() { MinQueryIndex = index, MaxQueryTime = wait };

    /// <summary>Polls <paramref name="condition"/> until true or the bound passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? Bound);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await Raft.DisposeAsync();
    }
}
