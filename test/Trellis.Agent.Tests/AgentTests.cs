using Trellis.Agent.Members;
using Trellis.Core.Members;
using Trellis.Core.Rpc;

namespace Trellis.Agent.Tests;

public sealed class AgentTests
{
    private sealed class NoRpc : IServerRpc
    {
        public IKvRpc Kv => throw new NotSupportedException();
        public ISessionRpc Session => throw new NotSupportedException();
        public ITxnRpc Txn => throw new NotSupportedException();
        public IStatusRpc Status => throw new NotSupportedException();
        public IOperatorRpc Operator => throw new NotSupportedException();
        public ISnapshotRpc Snapshot => throw new NotSupportedException();
        public ICatalogRpc Catalog => throw new NotSupportedException();
        public IHealthRpc Health => throw new NotSupportedException();

        public IPreparedQueryRpc PreparedQuery => throw new NotSupportedException();
    }

    private static Agent Create() => new(new AgentIdentity { NodeName = "n1", NodeId = Guid.NewGuid().ToString() }, new NoRpc());

    [Fact]
    public void Members_BeforeLeave_IsOnlyLocalAlive()
    {
        using var agent = Create();

        var member = Assert.Single(agent.Members());

        Assert.Equal("n1", member.Name);
        Assert.Equal(MemberStatus.Alive, member.Status);
    }

    [Fact]
    public void RequestLeave_CancelsTokenAndMarksLeaving()
    {
        using var agent = Create();

        agent.RequestLeave();
        agent.RequestLeave();

        Assert.True(agent.LeaveRequested.IsCancellationRequested);
        Assert.Equal(MemberStatus.Leaving, Assert.Single(agent.Members()).Status);
    }

    [Fact]
    public void RequestLeave_AfterDispose_DoesNotThrow()
    {
        var agent = Create();
        agent.Dispose();

        var error = Record.Exception(agent.RequestLeave);

        Assert.Null(error);
    }
}
