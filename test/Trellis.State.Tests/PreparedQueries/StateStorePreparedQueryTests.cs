using Trellis.Core.PreparedQueries;
using Trellis.State.Commands;
using Trellis.State.Watches;

namespace Trellis.State.Tests.PreparedQueries;

public class StateStorePreparedQueryTests
{
    private const string Id1 = "11111111-1111-1111-1111-111111111111";
    private const string Id2 = "22222222-2222-2222-2222-222222222222";

    private static PreparedQuery Query(string id, string name = "", string service = "web", string session = "", QueryTemplateOptions? template = null) => new()
    {
        ID = id,
        Name = name,
        Session = session,
        Template = template ?? new QueryTemplateOptions(),
        Service = new ServiceQuery { Service = service },
    };

    private static string? Apply(StateStore store, ulong index, PreparedQueryOp op, PreparedQuery query) =>
        (string?)store.Apply(new PreparedQueryCommand(op, query), index);

    [Fact]
    public void Create_NewQuery_StoresWithIndexes()
    {
        var store = new StateStore();
        Assert.Null(Apply(store, 5, PreparedQueryOp.Create, Query(Id1, "web")));
        var (q, index) = store.Snapshot().PreparedQueryGet(Id1);
        Assert.Equal((5UL, 5UL, 5UL), (q!.CreateIndex, q.ModifyIndex, index));
        Assert.Equal("web", q.Service.Service);
    }

    [Fact]
    public void Update_KeepsCreateIndex_AndFreesOldName()
    {
        var store = new StateStore();
        Apply(store, 1, PreparedQueryOp.Create, Query(Id1, "old"));
        Assert.Null(Apply(store, 2, PreparedQueryOp.Update, Query(Id1, "new", "db")));
        var q = store.Snapshot().PreparedQueryGet(Id1).Query!;
        Assert.Equal((1UL, 2UL, "db"), (q.CreateIndex, q.ModifyIndex, q.Service.Service));
        Assert.Null(store.Snapshot().PreparedQueryResolve("old", "").Query);
        Assert.Null(Apply(store, 3, PreparedQueryOp.Create, Query(Id2, "old")));
    }

    [Fact]
    public void Update_MissingQuery_IsRefused()
    {
        var store = new StateStore();
        Assert.Equal($"Cannot modify non-existent prepared query: '{Id1}'", Apply(store, 1, PreparedQueryOp.Update, Query(Id1, "x")));
        Assert.Empty(store.Snapshot().PreparedQueryList().Queries);
    }

    [Fact]
    public void Create_DuplicateNameAnyCase_IsRefusedAndNothingChanges()
    {
        var store = new StateStore();
        Apply(store, 1, PreparedQueryOp.Create, Query(Id1, "Web"));
        Assert.Equal("name 'web' aliases an existing query name", Apply(store, 2, PreparedQueryOp.Create, Query(Id2, "web")));
        Assert.Equal(1UL, store.Snapshot().PreparedQueryList().Index);
        Assert.Single(store.Snapshot().PreparedQueryList().Queries);
    }

    [Fact]
    public void Create_DuplicateId_IsRefused()
    {
        var store = new StateStore();
        Apply(store, 1, PreparedQueryOp.Create, Query(Id1, "a"));
        Assert.Equal($"Query ID '{Id1}' is already in use", Apply(store, 2, PreparedQueryOp.Create, Query(Id1, "b")));
    }

    [Fact]
    public void Create_NameAliasingAnotherId_IsRefused()
    {
        var store = new StateStore();
        Apply(store, 1, PreparedQueryOp.Create, Query(Id1, "a"));
        Assert.Equal($"name '{Id1}' aliases an existing query ID", Apply(store, 2, PreparedQueryOp.Create, Query(Id2, Id1)));
    }

    [Fact]
    public void Create_UnknownSession_IsRefused()
    {
        var store = new StateStore();
        Assert.Equal("invalid session \"nope\"", Apply(store, 1, PreparedQueryOp.Create, Query(Id1, "a", session: "nope")));
    }

    [Fact]
    public void SessionDestroy_DeletesBoundQueries()
    {
        var store = new StateStore();
        store.CreateSession(1, "s1");
        Assert.Null(Apply(store, 2, PreparedQueryOp.Create, Query(Id1, "bound", session: "s1")));
        Apply(store, 3, PreparedQueryOp.Create, Query(Id2, "free"));
        using var watch = new WatchSet();
        var snap = store.Snapshot();
        snap.PreparedQueryList(watch);
        store.Register(watch, snap);
        store.DestroySession(4, "s1");
        Assert.True(watch.HasFired);
        var (queries, index) = store.Snapshot().PreparedQueryList();
        Assert.Equal([Id2], queries.Select(q => q.ID));
        Assert.Equal(4UL, index);
        Assert.Null(store.Snapshot().PreparedQueryResolve("bound", "").Query);
    }

    [Fact]
    public void Delete_RemovesQueryAndName_UnknownIsNoError()
    {
        var store = new StateStore();
        Apply(store, 1, PreparedQueryOp.Create, Query(Id1, "a"));
        Assert.Null(Apply(store, 2, PreparedQueryOp.Delete, new PreparedQuery { ID = Id1 }));
        Assert.Null(Apply(store, 3, PreparedQueryOp.Delete, new PreparedQuery { ID = Id2 }));
        Assert.Empty(store.Snapshot().PreparedQueryList().Queries);
        Assert.Null(store.Snapshot().PreparedQueryResolve("a", "").Query);
        Assert.Equal(2UL, store.Snapshot().PreparedQueryList().Index);
    }

    [Fact]
    public void Watch_OnList_FiresOnQueryWrite_NotOnKvWrite()
    {
        var store = new StateStore();
        using var watch = new WatchSet();
        var snap = store.Snapshot();
        snap.PreparedQueryList(watch);
        store.Register(watch, snap);
        store.Set(1, "k", "v");
        Assert.False(watch.HasFired);
        Apply(store, 2, PreparedQueryOp.Create, Query(Id1, "a"));
        Assert.True(watch.HasFired);
    }

    [Fact]
    public void Resolve_ById_ThenExactName_ThenLongestTemplatePrefix()
    {
        var store = new StateStore();
        var prefix = new QueryTemplateOptions { Type = QueryTemplateOptions.NamePrefixMatch };
        Apply(store, 1, PreparedQueryOp.Create, Query(Id1, "geo-", "short-${name.suffix}", template: prefix));
        Apply(store, 2, PreparedQueryOp.Create, Query(Id2, "geo-db", "long-${name.suffix}", template: prefix));
        Apply(store, 3, PreparedQueryOp.Create, Query("33333333-3333-3333-3333-333333333333", "geo-exact", "exact"));
        var snap = store.Snapshot();
        Assert.Equal("exact", snap.PreparedQueryResolve("GEO-EXACT", "").Query!.Service.Service);
        Assert.Equal("long--primary", snap.PreparedQueryResolve("geo-db-primary", "").Query!.Service.Service);
        Assert.Equal("short-web", snap.PreparedQueryResolve("geo-web", "").Query!.Service.Service);
        Assert.Null(snap.PreparedQueryResolve("other", "").Query);
        Assert.Equal("exact", snap.PreparedQueryResolve("33333333-3333-3333-3333-333333333333", "").Query!.Service.Service);
        var ex = Assert.Throws<QueryTemplateException>(() => snap.PreparedQueryResolve(Id1, ""));
        Assert.Equal("prepared query templates can only be resolved up by name, not by ID", ex.Message);
    }

    [Fact]
    public void Resolve_EmptyNameTemplate_MatchesEverything_AndOnlyOneMayExist()
    {
        var store = new StateStore();
        var prefix = new QueryTemplateOptions { Type = QueryTemplateOptions.NamePrefixMatch };
        Assert.Null(Apply(store, 1, PreparedQueryOp.Create, Query(Id1, "", "${name.full}", template: prefix)));
        Assert.Equal("a query template with an empty name already exists",
            Apply(store, 2, PreparedQueryOp.Create, Query(Id2, "", "x", template: prefix)));
        Assert.Equal("anything", store.Snapshot().PreparedQueryResolve("anything", "").Query!.Service.Service);
    }

    [Fact]
    public void Create_TemplateThatDoesNotCompile_IsRefused()
    {
        var store = new StateStore();
        Assert.Equal("failed compiling template: Bad Template.Type 'regexp'",
            Apply(store, 1, PreparedQueryOp.Create, Query(Id1, "a", template: new QueryTemplateOptions { Type = "regexp" })));
        Assert.StartsWith("failed compiling template: Bad Regexp: ",
            Apply(store, 2, PreparedQueryOp.Create, Query(Id1, "a", template: new QueryTemplateOptions { Type = QueryTemplateOptions.NamePrefixMatch, Regexp = "(" })));
        Assert.Equal("failed compiling template: Bad evaluation for '${nope}' in Service.Service: unknown variable accessed: nope",
            Apply(store, 3, PreparedQueryOp.Create, Query(Id1, "a", "${nope}", template: new QueryTemplateOptions { Type = QueryTemplateOptions.NamePrefixMatch })));
        Assert.StartsWith("failed compiling template: Bad format '${name.full' in Service.Service: ",
            Apply(store, 4, PreparedQueryOp.Create, Query(Id1, "a", "${name.full", template: new QueryTemplateOptions { Type = QueryTemplateOptions.NamePrefixMatch })));
        Assert.Empty(store.Snapshot().PreparedQueryList().Queries);
    }

    [Fact]
    public void Roundtrip_PreparedQueryCommand_KeepsEveryField()
    {
        var query = new PreparedQuery
        {
            ID = Id1, Name = "n", Session = "s", Token = "t",
            Template = new QueryTemplateOptions { Type = QueryTemplateOptions.NamePrefixMatch, Regexp = "^(.*)$", RemoveEmptyTags = true },
            Service = new ServiceQuery
            {
                Service = "web", OnlyPassing = true, Near = "_agent", Connect = true, Peer = "",
                Failover = new QueryFailoverOptions { NearestN = 2, Datacenters = ["dc2"], Targets = [new QueryFailoverTarget { Datacenter = "dc3" }] },
                IgnoreCheckIDs = ["c1"], Tags = ["a", "!b"],
                NodeMeta = new Dictionary<string, string> { ["k"] = "v" }, ServiceMeta = new Dictionary<string, string> { ["m"] = "1" },
            },
            DNS = new QueryDnsOptions { TTL = "5s" },
        };
        var back = Assert.IsType<PreparedQueryCommand>(CommandCodec.Decode(CommandCodec.Encode(new PreparedQueryCommand(PreparedQueryOp.Update, query))));
        Assert.Equal(PreparedQueryOp.Update, back.Op);
        Assert.Equal(query with { Service = null! }, back.Query with { Service = null! });
        var s = back.Query.Service;
        Assert.Equal(("web", true, "_agent", true), (s.Service, s.OnlyPassing, s.Near, s.Connect));
        Assert.Equal((2, "dc2", "dc3"), (s.Failover.NearestN, s.Failover.Datacenters![0], s.Failover.Targets![0].Datacenter));
        Assert.Equal(["c1"], s.IgnoreCheckIDs!);
        Assert.Equal(["a", "!b"], s.Tags!);
        Assert.Equal("v", s.NodeMeta!["k"]);
        Assert.Equal("1", s.ServiceMeta!["m"]);
    }
}
