using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Txn;
using static Trellis.State.Tests.Catalog.TestCatalog;
using static Trellis.State.Tests.TestKv;

namespace Trellis.State.Tests.Catalog;

/// <summary>The Node, Service and Check operations of a transaction, atomic with each other and with KV.</summary>
public sealed class StateStoreTxnCatalogTests
{
    private static TxnOp NodeOp(CatalogVerb verb, string node, ulong modifyIndex = 0, string id = "") =>
        new() { Node = new TxnNodeOp { Verb = verb, Node = new CatalogNode { Node = node, ID = id, Address = "10.1.0.1", ModifyIndex = modifyIndex } } };

    private static TxnOp ServiceOp(CatalogVerb verb, string node, string service, ulong modifyIndex = 0, int port = 80) =>
        new() { Service = new TxnServiceOp { Verb = verb, Node = node, Service = Service(service, port: port) with { ModifyIndex = modifyIndex } } };

    private static TxnOp CheckOp(CatalogVerb verb, string node, string id, string status = HealthStatus.Passing, string serviceId = "", ulong modifyIndex = 0) =>
        new() { Check = new TxnCheckOp { Verb = verb, Check = Check(node, id, status, serviceId) with { ModifyIndex = modifyIndex } } };

    [Fact]
    public void Set_NodeServiceCheckAndKv_AllAppliedInOneIndexWithResultsInOrder()
    {
        var store = new StateStore();

        var r = store.Txn(4,
            NodeOp(CatalogVerb.Set, "n1"),
            ServiceOp(CatalogVerb.Set, "n1", "web"),
            CheckOp(CatalogVerb.Set, "n1", "alive", serviceId: "web"),
            Op(KvVerb.Set, "k", "v"));

        Assert.Null(r.Errors);
        Assert.Equal(4, r.Results!.Count);
        Assert.Equal(("n1", 4UL), (r.Results[0].Node!.Node, r.Results[0].Node!.ModifyIndex));
        Assert.Equal(("web", 4UL), (r.Results[1].Service!.ID, r.Results[1].Service!.ModifyIndex));
        Assert.Equal(("alive", "web"), (r.Results[2].Check!.CheckID, r.Results[2].Check!.ServiceName));
        Assert.Equal("k", r.Results[3].KV!.Key);
        var snapshot = store.Snapshot();
        var entry = Assert.Single(snapshot.HealthServiceNodes("web", connect: false).Entries);
        Assert.Equal(("n1", "alive"), (entry.Node.Node, Assert.Single(entry.Checks).CheckID));
    }

    [Fact]
    public void OneOperationFails_NothingIsAppliedAndEveryErrorIsReported()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web") });
        var before = store.Snapshot();

        var r = store.Txn(2,
            NodeOp(CatalogVerb.Set, "n2"),
            ServiceOp(CatalogVerb.Set, "ghost", "api"),
            CheckOp(CatalogVerb.Set, "n1", "c", serviceId: "nope"),
            ServiceOp(CatalogVerb.Cas, "n1", "web", modifyIndex: 9),
            NodeOp(CatalogVerb.DeleteCas, "n1", modifyIndex: 7),
            CheckOp(CatalogVerb.Get, "n1", "missing"),
            Op(KvVerb.Set, "k", "v"));

        Assert.Null(r.Results);
        Assert.Equal(
        [
            new TxnError(1, "Missing node registration"),
            new TxnError(2, "Missing service registration"),
            new TxnError(3, "failed to set service \"web\" on node \"n1\", index is stale"),
            new TxnError(4, "failed to delete node \"n1\", index is stale"),
            new TxnError(5, "check \"missing\" on node \"n1\" doesn't exist"),
        ], r.Errors);
        var after = store.Snapshot();
        Assert.Equal(before.CatalogNodes().Index, after.CatalogNodes().Index);
        Assert.Equal(["n1"], after.CatalogNodes().Nodes.Select(n => n.Node));
        Assert.Same(before.HealthServiceNodes("web", connect: false).Entries[0].Service, after.HealthServiceNodes("web", connect: false).Entries[0].Service);
        Assert.Null(after.KvGet("k").Entry);
    }

    [Fact]
    public void Cas_IndexZeroCreatesOnlyWhenMissing_AndMatchingIndexUpdates()
    {
        var store = new StateStore();

        Assert.Null(store.Txn(1, NodeOp(CatalogVerb.Cas, "n1", modifyIndex: 0)).Errors);
        Assert.Equal(
            [new TxnError(0, "failed to set node \"n1\", index is stale")],
            store.Txn(2, NodeOp(CatalogVerb.Cas, "n1", modifyIndex: 0)).Errors);

        Assert.Null(store.Txn(3, ServiceOp(CatalogVerb.Cas, "n1", "web", modifyIndex: 0)).Errors);
        var updated = store.Txn(4, ServiceOp(CatalogVerb.Cas, "n1", "web", modifyIndex: 3, port: 8080));
        Assert.Equal((8080, 3UL, 4UL), (updated.Results![0].Service!.Port, updated.Results[0].Service!.CreateIndex, updated.Results[0].Service!.ModifyIndex));

        Assert.Null(store.Txn(5, CheckOp(CatalogVerb.Cas, "n1", "c", modifyIndex: 0)).Errors);
        Assert.Equal(
            [new TxnError(0, "failed to set check \"c\" on node \"n1\", index is stale")],
            store.Txn(6, CheckOp(CatalogVerb.Cas, "n1", "c", HealthStatus.Critical, modifyIndex: 1)).Errors);
        Assert.Equal(HealthStatus.Critical, store.Txn(7, CheckOp(CatalogVerb.Cas, "n1", "c", HealthStatus.Critical, modifyIndex: 5)).Results![0].Check!.Status);
    }

    [Fact]
    public void Deletes_RemoveWithoutResults_CasDeleteNeedsTheCurrentIndex()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web"), Checks = [Check("n1", "svc", serviceId: "web"), Check("n1", "node")] });
        store.Register(2, Node("n2"));

        Assert.Equal(
            [new TxnError(0, "failed to delete check \"node\" on node \"n1\", index is stale")],
            store.Txn(3, CheckOp(CatalogVerb.DeleteCas, "n1", "node", modifyIndex: 2)).Errors);
        var r = store.Txn(4,
            CheckOp(CatalogVerb.DeleteCas, "n1", "node", modifyIndex: 1),
            ServiceOp(CatalogVerb.Delete, "n1", "web"),
            NodeOp(CatalogVerb.DeleteCas, "n2", modifyIndex: 2),
            ServiceOp(CatalogVerb.Delete, "n1", "never-there"));

        Assert.Equal([], r.Results!);
        var snapshot = store.Snapshot();
        Assert.Empty(snapshot.HealthServiceNodes("web", connect: false).Entries);
        Assert.Empty(snapshot.HealthNodeChecks("n1").Checks);
        Assert.Equal(["n1"], snapshot.CatalogNodes().Nodes.Select(n => n.Node));
    }

    [Fact]
    public void Get_NodeByIdTakesPrecedenceOverName()
    {
        var store = new StateStore();
        const string id = "67539c9d-b948-ba67-edd4-d07a676d6673";
        store.Register(1, Node("named") with { ID = id });
        store.Register(2, Node("other"));

        var byId = store.Snapshot().ReadTxn([NodeOp(CatalogVerb.Get, "other", id: id)]).Response;
        Assert.Equal("named", byId.Results![0].Node!.Node);
        var unknownId = store.Snapshot().ReadTxn([NodeOp(CatalogVerb.Get, "other", id: "00000000-0000-0000-0000-000000000001")]).Response;
        Assert.Equal([new TxnError(0, "node \"other\" doesn't exist")], unknownId.Errors);
    }

    [Fact]
    public void ReadOnly_OnlyGetsQualify()
    {
        Assert.True(StoreSnapshot.IsReadOnly([NodeOp(CatalogVerb.Get, "n"), ServiceOp(CatalogVerb.Get, "n", "s"), CheckOp(CatalogVerb.Get, "n", "c"), Op(KvVerb.Get, "k")]));
        Assert.False(StoreSnapshot.IsReadOnly([NodeOp(CatalogVerb.Get, "n"), CheckOp(CatalogVerb.Delete, "n", "c")]));
        Assert.False(StoreSnapshot.IsReadOnly([new TxnOp()]));
    }

    [Fact]
    public void CheckTurningCritical_InTxn_InvalidatesSessionsLikeARegister()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Checks = [Check("n1", "serfHealth")] });
        store.Apply(new Trellis.State.Commands.SessionCommand(Trellis.State.Commands.SessionOp.Create,
            new Trellis.Core.Sessions.Session { ID = "s1", Node = "n1", NodeChecks = ["serfHealth"] }, 0), 2);

        store.Txn(3, CheckOp(CatalogVerb.Set, "n1", "serfHealth", HealthStatus.Critical));

        Assert.Null(store.Snapshot().SessionGet("s1").Session);
    }
}
