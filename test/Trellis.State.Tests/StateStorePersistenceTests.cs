using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Trellis.Core.Kv;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Sessions;
using Trellis.Core.Txn;
using Trellis.State.Commands;

namespace Trellis.State.Tests;

public class StateStorePersistenceTests
{
    private static Gen<Command> CommandGen =>
        Gen.OneOf(
            from verb in Gen.Elements(KvVerb.Set, KvVerb.Delete, KvVerb.DeleteTree, KvVerb.Lock, KvVerb.Unlock)
            from key in Gen.Elements("a", "a/b", "b/c", "c", "a/")
            from value in Gen.Elements("x", "y", "")
            from session in Gen.Elements<string?>("s1", "s2", null)
            select (Command)new KvCommand(verb, new KvEntry { Key = key, Value = Encoding.UTF8.GetBytes(value), Session = session, Flags = (ulong)value.Length }),
            from op in Gen.Elements(SessionOp.Create, SessionOp.Destroy)
            from id in Gen.Elements("s1", "s2")
            from behavior in Gen.Elements(SessionBehavior.Release, SessionBehavior.Delete)
            select (Command)new SessionCommand(op, new Session { ID = id, Node = "n" + id, Behavior = behavior, LockDelay = 5_000_000_000, TTL = "10s" }, 1000),
            Gen.Choose(0, 30).Select(i => (Command)new TombstoneReapCommand((ulong)i)),
            StateStoreModelTests.CatalogCommandGen,
            StateStoreModelTests.CatalogCommandGen,
            from op in Gen.Elements(PreparedQueryOp.Create, PreparedQueryOp.Update, PreparedQueryOp.Delete)
            from id in Gen.Elements("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222")
            from name in Gen.Elements("", "geo", "web", "Web")
            from template in Gen.Elements("", QueryTemplateOptions.NamePrefixMatch)
            from session in Gen.Elements("", "s1")
            select (Command)new PreparedQueryCommand(op, new PreparedQuery
            {
                ID = id, Name = name, Session = session,
                Template = new QueryTemplateOptions { Type = template, Regexp = template.Length > 0 ? "^geo-(.*)$" : "" },
                Service = new ServiceQuery { Service = template.Length > 0 ? "${match(1)}" : "web", Tags = ["a", "!b"], NodeMeta = new Dictionary<string, string> { ["k"] = "v" } },
                DNS = new QueryDnsOptions { TTL = "10s" },
            }));

    private static string Dump(StoreSnapshot s)
    {
        var sb = new StringBuilder();
        sb.Append(s.Index).Append('|').Append(s.KvGet("\u0001").Index).Append('|').Append(s.SessionList().Index).Append('\n');
        foreach (var prefix in new[] { "", "a", "a/", "b/", "zz/" })
        {
            var (keys, idx) = s.KvKeys(prefix, "/");
            sb.Append(prefix).Append(':').Append(idx).Append(':').AppendJoin(',', keys).Append('\n');
        }

        foreach (var e in s.KvList("").Entries)
        {
            sb.Append(e.Key).Append('=').Append(Convert.ToBase64String(e.Value ?? [])).Append(' ')
                .Append(e.Flags).Append(' ').Append(e.Session).Append(' ').Append(e.CreateIndex).Append(' ')
                .Append(e.ModifyIndex).Append(' ').Append(e.LockIndex).Append(' ').Append(s.KvLockDelayUntil(e.Key)).Append('\n');
        }

        foreach (var ss in s.SessionList().Sessions)
        {
            sb.Append(ss).Append(string.Join(',', s.SessionHeldKeys(ss.ID))).Append('\n');
        }

        sb.Append(string.Join(',', s.SessionListByNode("ns1").Sessions.Select(x => x.ID))).Append('\n');

        // The catalog: every node with its services and checks, the health views and every index a query reports.
        sb.Append(s.CatalogNodes().Index).Append('|').Append(s.HealthChecksInState("any").Index).Append('\n');
        foreach (var node in s.CatalogNodes().Nodes)
        {
            var (ns, nodeIndex) = s.CatalogNodeServices(node.Node);
            sb.Append(node).Append(nodeIndex).Append('\n');
            foreach (var svc in ns!.Services)
            {
                sb.Append(' ').Append(svc with { Tags = null }).Append(string.Join(',', svc.Tags ?? [])).Append('\n');
            }

            foreach (var check in ns.Checks)
            {
                sb.Append(' ').Append(check with { ServiceTags = null }).Append(string.Join(',', check.ServiceTags ?? [])).Append('\n');
            }
        }

        foreach (var name in new[] { "web", "db", "nope" })
        {
            var (entries, index) = s.HealthServiceNodes(name, connect: false);
            sb.Append(name).Append(':').Append(index).Append(':').AppendJoin(',', entries.Select(e => e.Node.Node + "/" + e.Service.ID)).Append('\n');
        }

        var (queries, queriesIndex) = s.PreparedQueryList();
        sb.Append(queriesIndex).Append('\n');
        foreach (var q in queries)
        {
            sb.Append(q.ID).Append(' ').Append(q.Name).Append(' ').Append(q.Session).Append(' ').Append(q.Template)
                .Append(' ').Append(q.Service.Service).Append(' ').AppendJoin(',', q.Service.Tags ?? []).Append(' ')
                .AppendJoin(',', (q.Service.NodeMeta ?? new Dictionary<string, string>()).Select(kv => kv.Key + "=" + kv.Value))
                .Append(' ').Append(q.DNS).Append(' ').Append(q.CreateIndex).Append(' ').Append(q.ModifyIndex).Append('\n');
        }

        foreach (var lookup in new[] { "web", "WEB", "geo-db", "11111111-1111-1111-1111-111111111111" })
        {
            try
            {
                var (q, _) = s.PreparedQueryResolve(lookup, "");
                sb.Append(lookup).Append("->").Append(q?.ID).Append(' ').Append(q?.Service.Service).Append('\n');
            }
            catch (QueryTemplateException ex)
            {
                sb.Append(lookup).Append("->").Append(ex.Message).Append('\n');
            }
        }

        return sb.ToString();
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property WriteToThenRestore_YieldsEqualState() =>
        Prop.ForAll(Gen.Choose(0, 30).SelectMany(n => CommandGen.ListOf(n)).ToArbitrary(), commands =>
        {
            var store = new StateStore();
            ulong idx = 0;
            foreach (var c in commands)
            {
                store.Apply(c, ++idx);
            }

            using var ms = new MemoryStream();
            StateStore.WriteTo(store.Snapshot(), ms);
            var copy = new StateStore();
            copy.Restore(new MemoryStream(ms.ToArray()));
            var viaCommand = new StateStore();
            viaCommand.Apply(new RestoreCommand(ms.ToArray()), idx + 1);
            return Dump(store.Snapshot()) == Dump(copy.Snapshot())
                && Dump(copy.Snapshot()).Split('\n').Skip(1).SequenceEqual(Dump(viaCommand.Snapshot()).Split('\n').Skip(1));
        });

    [Fact]
    public void Restore_CorruptInput_ThrowsAndChangesNothing()
    {
        var store = new StateStore();
        store.Set(1, "a", "1");
        var before = store.Snapshot();
        Assert.Throws<InvalidDataException>(() => store.Restore(new MemoryStream("{\"Version\":1,\"Kvs\":[{\"Key\":\"x\"},".Select(c => (byte)c).ToArray())));
        Assert.Throws<InvalidDataException>(() => store.Restore(new MemoryStream("{\"Version\":7}"u8.ToArray())));
        Assert.Throws<InvalidDataException>(() => store.Restore(new MemoryStream("{\"Version\":1,\"Kvs\":[{\"Key\":\"x\"},{\"Key\":\"x\"}]}"u8.ToArray())));
        Assert.Same(before, store.Snapshot());
    }

    [Fact]
    public void Restore_ThenWrites_ContinueFromRestoredIndexes()
    {
        var src = new StateStore();
        src.CreateSession(1, "s1");
        src.Kv(2, KvVerb.Lock, "k", "v", session: "s1");
        using var ms = new MemoryStream();
        StateStore.WriteTo(src.Snapshot(), ms);
        var dst = new StateStore();
        dst.Restore(new MemoryStream(ms.ToArray()));
        Assert.False(dst.Kv(3, KvVerb.Lock, "k", "v", session: "s2"));
        dst.DestroySession(4, "s1");
        Assert.Null(dst.Snapshot().KvGet("k").Entry!.Session);
        Assert.Equal(4UL, dst.Snapshot().KvGet("k").Index);
    }
}
