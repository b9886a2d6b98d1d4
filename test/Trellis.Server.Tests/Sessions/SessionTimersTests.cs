using Trellis.Core.Sessions;
using Trellis.Server.Sessions;
using Trellis.Server.Tests.Testing;
using Trellis.State.Commands;

namespace Trellis.Server.Tests.Sessions;

public sealed class SessionTimersTests
{
    private static readonly Session TtlSession = new() { ID = "s1", Node = "node1", TTL = "1s" };

    [Fact]
    public async Task Reset_WhileExpiryCallbackIsQueued_KeepsSessionAndExpiresAtNewDeadline()
    {
        var (raft, clock, timers, leadership) = await StartAsync();
        using (timers)
        using (leadership)
        {
            // TTL 1 s × 2: due after 2 s. The callback is taken as the timer fires but runs only after a renewal.
            clock.Advance(TimeSpan.FromSeconds(2));
            var late = Assert.Single(clock.TakeDueCallbacks());
            timers.Reset(TtlSession);
            late();

            Assert.NotNull(raft.Store.Snapshot().SessionGet("s1").Session);

            // The renewal's own deadline still expires the session when it passes without another renewal.
            clock.Advance(TimeSpan.FromSeconds(2));
            foreach (var callback in clock.TakeDueCallbacks())
            {
                callback();
            }

            Assert.True(await ServerFixture.EventuallyAsync(() => raft.Store.Snapshot().SessionGet("s1").Session is null));
        }
    }

    [Fact]
    public async Task Expiry_WithoutRenewal_InvalidatesSession()
    {
        var (raft, clock, timers, leadership) = await StartAsync();
        using (timers)
        using (leadership)
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Single(clock.TakeDueCallbacks())();

            Assert.True(await ServerFixture.EventuallyAsync(() => raft.Store.Snapshot().SessionGet("s1").Session is null));
        }
    }

    private static async Task<(InProcessRaftNode Raft, ManualClock Clock, SessionTimers Timers, CancellationTokenSource Leadership)> StartAsync()
    {
        var raft = new InProcessRaftNode();
        raft.BecomeLeader();
        await raft.ApplyAsync(new SessionCommand(SessionOp.Create, TtlSession, 0), CancellationToken.None);
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddDays(1));
        var timers = new SessionTimers(raft, clock);
        var leadership = new CancellationTokenSource();
        timers.Start(leadership.Token);
        return (raft, clock, timers, leadership);
    }
}
