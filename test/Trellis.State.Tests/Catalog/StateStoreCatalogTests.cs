using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.Core.Sessions;
using Trellis.State.Commands;
using Trellis.State.Watches;
using static Trellis.State.Tests.Catalog.TestCatalog;

namespace Trellis.State.Tests.Catalog;

public class StateStoreCatalogTests
{
    [Fact]
    public void Register_NodeServiceAndChecks_StoresAllAtOneIndex()
    {
        var store = new StateStore();
        var error = store.Register(3, Node("n1") with
        {
            NodeMeta = new Dictionary<string, string> { ["rack"] = "a" },
            Service = Service("web", "web1", 8080, "v1"),
            Check = Check("n1", "serfHealth"),
            Checks = [Check("n1", "web-http", HealthStatus.Warning, "web1")],
        });

        Assert.Null(error);
        var s = store.Snapshot();
        var (nodes, nodesIndex) = s.CatalogNodes();
        var node = Assert.Single(nodes);
        Assert.Equal(("n1", "10.0.0.1", "a", 3UL, 3UL, 3UL), (node.Node, node.Address, node.Meta!["rack"], node.CreateIndex, node.ModifyIndex, nodesIndex));
        var (entries, index) = s.HealthServiceNodes("web", connect: false);
        var entry = Assert.Single(entries);
        Assert.Equal(3UL, index);
        Assert.Equal(("web1", 8080, 3UL), (entry.Service.ID, entry.Service.Port, entry.Service.CreateIndex));
        Assert.Equal(["serfHealth", "web-http"], entry.Checks.Select(c => c.CheckID));
        Assert.Equal(("web", "v1"), (entry.Checks[1].ServiceName, Assert.Single(entry.Checks[1].ServiceTags!)));
    }

    [Fact]
    public void Register_CheckForUnknownService_FailsWithConsulTextAndAppliesNothing()
    {
        var store = new StateStore();
        var error = store.Register(1, Node("n1") with { Service = Service("web"), Checks = [Check("n1", "c", serviceId: "nope")] });

        Assert.Equal("failed inserting check: Missing service registration", error);
        Assert.Empty(store.Snapshot().CatalogNodes().Nodes);
        Assert.Empty(store.Snapshot().CatalogServiceInstances("web", false).Instances);
        Assert.Equal(1UL, store.Snapshot().Index);
    }

    [Fact]
    public void Register_ServiceWithoutNode_FailsWithMissingNode()
    {
        var store = new StateStore();
        var error = store.Register(1, Node("n1") with { SkipNodeUpdate = true, Service = Service("web") });

        Assert.Equal("failed inserting service: Missing node registration", error);
        Assert.Empty(store.Snapshot().CatalogNodes().Nodes);
    }

    [Fact]
    public void Register_CheckOfAnotherNode_Fails()
    {
        var store = new StateStore();
        var error = store.Register(1, Node("n1") with { Checks = [Check("n2", "c")] });

        Assert.Equal("failed inserting check: check node \"n2\" does not match node \"n1\"", error);
    }

    [Fact]
    public void Register_Unchanged_KeepsIndexes()
    {
        var store = new StateStore();
        var request = Node("n1") with { Service = Service("web", tags: ["a"]), Check = Check("n1", "c") };
        store.Register(1, request);
        store.Register(2, request with { Service = Service("web", tags: ["a"]) });

        var s = store.Snapshot();
        Assert.Equal(1UL, s.CatalogNodes().Index);
        Assert.Equal(1UL, s.HealthServiceNodes("web", false).Index);
        Assert.Equal(1UL, s.HealthNodeChecks("n1").Index);
        Assert.Equal(1UL, s.CatalogNode("n1")!.ModifyIndex);
    }

    [Fact]
    public void Register_UpdatedService_KeepsCreateIndexAndUpdatesCheckTags()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web", tags: ["a"]), Check = Check("n1", "c", serviceId: "web") });
        store.Register(2, Node("n1") with { Service = Service("web", port: 81, tags: ["b"]) });

        var service = Assert.Single(store.Snapshot().CatalogServiceInstances("web", false).Instances).Service;
        Assert.Equal((1UL, 2UL, 81), (service.CreateIndex, service.ModifyIndex, service.Port));
        Assert.Equal(["b"], Assert.Single(store.Snapshot().HealthServiceChecks("web").Checks).ServiceTags!);
    }

    [Fact]
    public void Register_CheckWithoutStatus_IsCritical()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Check = Check("n1", "c") with { Status = "" } });

        Assert.Equal(HealthStatus.Critical, Assert.Single(store.Snapshot().HealthNodeChecks("n1").Checks).Status);
    }

    [Fact]
    public void Lookups_AreCaseInsensitive()
    {
        var store = new StateStore();
        store.Register(1, Node("Node-A") with { Service = Service("Web") });

        Assert.Equal("Node-A", store.Snapshot().CatalogNode("node-a")!.Node);
        Assert.Single(store.Snapshot().CatalogServiceInstances("web", false).Instances);
        Assert.NotNull(store.Snapshot().CatalogNodeServices("NODE-A").Node);
    }

    [Fact]
    public void Deregister_Node_RemovesItsServicesAndChecks()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web"), Checks = [Check("n1", "serfHealth"), Check("n1", "w", serviceId: "web")] });
        store.Register(2, Node("n2") with { Service = Service("web") });
        store.Deregister(3, "n1");

        var s = store.Snapshot();
        Assert.Equal(["n2"], s.CatalogNodes().Nodes.Select(n => n.Node));
        Assert.Equal(["n2"], s.CatalogServiceInstances("web", false).Instances.Select(i => i.Node.Node));
        Assert.Empty(s.HealthChecksInState(HealthStatus.Any).Checks);
        Assert.Equal(3UL, s.HealthChecksInState(HealthStatus.Any).Index);
        Assert.Null(s.CatalogNodeServices("n1").Node);
    }

    [Fact]
    public void Deregister_Service_RemovesOnlyItsChecks()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web"), Checks = [Check("n1", "serfHealth"), Check("n1", "w", serviceId: "web")] });
        store.Register(2, Node("n1") with { Service = Service("db") });
        store.Deregister(3, "n1", serviceId: "web");

        var s = store.Snapshot();
        Assert.Equal(["serfHealth"], s.HealthNodeChecks("n1").Checks.Select(c => c.CheckID));
        Assert.Equal(["db"], s.CatalogNodeServices("n1").Node!.Services.Select(x => x.ID));
        Assert.Equal(3UL, s.HealthServiceNodes("web", false).Index);
    }

    [Fact]
    public void Deregister_Unknown_IsANoOp()
    {
        var store = new StateStore();
        store.Register(1, Node("n1"));
        store.Deregister(2, "nope");
        store.Deregister(3, "n1", serviceId: "nope");
        store.Deregister(4, "n1", checkId: "nope");

        Assert.Equal(1UL, store.Snapshot().CatalogNodes().Index);
    }

    [Fact]
    public void ServiceWatch_ChangeToAnotherService_DoesNotFire()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web") });
        store.Register(2, Node("n2") with { Service = Service("db") });
        var snapshot = store.Snapshot();
        using var watch = new WatchSet();
        snapshot.HealthServiceNodes("web", false, watch);
        store.Register(watch, snapshot);

        store.Register(3, Node("n2") with { SkipNodeUpdate = true, Service = Service("db", port: 5432) });
        store.Register(4, Node("n3") with { Service = Service("cache") });
        Assert.False(watch.HasFired);

        store.Register(5, Node("n1") with { SkipNodeUpdate = true, Service = Service("web", port: 81) });
        Assert.True(watch.HasFired);
        Assert.Equal(0, store.WatcherCount);
    }

    [Fact]
    public void ServiceWatch_NodeCheckOfItsNode_Fires()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web"), Check = Check("n1", "serfHealth") });
        var snapshot = store.Snapshot();
        using var watch = new WatchSet();
        snapshot.HealthServiceNodes("web", false, watch);
        store.Register(watch, snapshot);

        store.Register(2, Node("n1") with { SkipNodeUpdate = true, Check = Check("n1", "serfHealth", HealthStatus.Critical) });

        Assert.True(watch.HasFired);
        Assert.Equal(2UL, store.Snapshot().HealthServiceNodes("web", false).Index);
    }

    [Fact]
    public void NodeWatch_AnotherNode_DoesNotFire()
    {
        var store = new StateStore();
        store.Register(1, Node("n1"));
        store.Register(2, Node("n2"));
        var snapshot = store.Snapshot();
        using var watch = new WatchSet();
        snapshot.CatalogNodeServices("n1", watch);
        store.Register(watch, snapshot);

        store.Register(3, Node("n2") with { Service = Service("x") });
        Assert.False(watch.HasFired);
        store.Register(4, Node("n1") with { Service = Service("x") });
        Assert.True(watch.HasFired);
    }

    [Fact]
    public void ServiceIndex_MissingService_IsTheTableIndex()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web") });
        store.Register(2, Node("n1") with { Check = Check("n1", "c") });

        Assert.Equal(2UL, store.Snapshot().HealthServiceNodes("nope", false).Index);
        Assert.Equal(1UL, store.Snapshot().CatalogServiceInstances("nope", false).Index);
        // A node check is part of web's health view: its index moves with it.
        Assert.Equal(2UL, store.Snapshot().HealthServiceNodes("web", false).Index);
    }

    [Fact]
    public void ConnectQuery_FindsProxiesAndNativeInstances()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web") });
        store.Register(2, Node("n1") with
        {
            Service = new NodeService
            {
                ID = "web-proxy", Service = "web-sidecar-proxy", Kind = ServiceKinds.ConnectProxy,
                Proxy = new ConnectProxyConfig { DestinationServiceName = "web" },
            },
        });
        store.Register(3, Node("n2") with { Service = Service("web") with { Connect = new ServiceConnect { Native = true } } });

        var ids = store.Snapshot().HealthServiceNodes("web", connect: true).Entries.Select(e => (e.Node.Node, e.Service.ID));
        Assert.Equal([("n1", "web-proxy"), ("n2", "web")], ids);
    }

    [Fact]
    public void CriticalNodeCheck_InvalidatesSessionsThatDependOnIt()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Check = Check("n1", "serfHealth") });
        store.Apply(new SessionCommand(SessionOp.Create, new Session { ID = "s1", Node = "n1", NodeChecks = ["serfHealth"] }, 0), 2);
        store.Apply(new SessionCommand(SessionOp.Create, new Session { ID = "s2", Node = "n1", NodeChecks = [] }, 0), 3);
        store.Apply(new KvCommand(KvVerb.Lock, new KvEntry { Key = "lock", Session = "s1" }), 4);

        store.Register(5, Node("n1") with { SkipNodeUpdate = true, Check = Check("n1", "serfHealth", HealthStatus.Warning) });
        Assert.NotNull(store.Snapshot().SessionGet("s1").Session);

        store.Register(6, Node("n1") with { SkipNodeUpdate = true, Check = Check("n1", "serfHealth", HealthStatus.Critical) }, nowMs: 1000);
        var s = store.Snapshot();
        Assert.Null(s.SessionGet("s1").Session);
        Assert.NotNull(s.SessionGet("s2").Session);
        Assert.Null(s.KvGet("lock").Entry!.Session);
        Assert.Equal(6UL, s.SessionList().Index);
    }

    [Fact]
    public void CriticalServiceCheck_InvalidatesSessionsWithItInServiceChecks()
    {
        var store = new StateStore();
        store.Register(1, Node("n1") with { Service = Service("web"), Check = Check("n1", "w", serviceId: "web") });
        store.Apply(new SessionCommand(SessionOp.Create, new Session { ID = "s1", Node = "n1", NodeChecks = [], ServiceChecks = ["w"] }, 0), 2);

        store.Register(3, Node("n1") with { SkipNodeUpdate = true, Check = Check("n1", "w", HealthStatus.Critical, "web") });

        Assert.Null(store.Snapshot().SessionGet("s1").Session);
    }

    [Fact]
    public void DeregisterNode_InvalidatesAllItsSessions()
    {
        var store = new StateStore();
        store.Register(1, Node("n1"));
        store.Register(2, Node("n2"));
        store.Apply(new SessionCommand(SessionOp.Create, new Session { ID = "s1", Node = "n1", NodeChecks = [] }, 0), 3);
        store.Apply(new SessionCommand(SessionOp.Create, new Session { ID = "s2", Node = "n2", NodeChecks = [] }, 0), 4);

        store.Deregister(5, "n1");

        Assert.Equal(["s2"], store.Snapshot().SessionList().Sessions.Select(x => x.ID));
    }

    [Fact]
    public void RegisterWithKnownIdUnderNewName_RenamesTheNode()
    {
        var store = new StateStore();
        const string id = "0e5e8c4d-5d4c-4f6b-9a8a-1b2c3d4e5f60";
        store.Register(1, Node("old") with { ID = id, Service = Service("web") });
        store.Register(2, Node("new") with { ID = id });

        Assert.Equal(["new"], store.Snapshot().CatalogNodes().Nodes.Select(n => n.Node));
        Assert.Empty(store.Snapshot().CatalogServiceInstances("web", false).Instances);
    }
}
