using FsCheck;
using FsCheck.Fluent;
using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.State.Commands;

namespace Trellis.State.Tests;

/// <summary>Compares the store with a plain dictionary model over random KV command sequences.</summary>
public partial class StateStoreModelTests
{
    private static readonly string[] Keys = ["a", "a/b", "a/c", "b", "b/x/y", "c"];
    private static readonly string[] SessionIds = ["s1", "s2", "s3"];

    private sealed record ModelEntry(string Value, ulong Flags, string? Session, ulong Create, ulong Modify, ulong LockIndex);

    private static Gen<KvCommand> CommandGen =>
        from verb in Gen.Elements(KvVerb.Set, KvVerb.Cas, KvVerb.Delete, KvVerb.DeleteTree, KvVerb.Lock, KvVerb.Unlock, KvVerb.DeleteCas)
        from key in Gen.Elements(Keys.Concat(["a/", "b/", ""]).ToArray())
        from value in Gen.Elements("v1", "v2", "v3")
        from flags in Gen.Elements(0UL, 1UL)
        from index in Gen.Choose(0, 12)
        from session in Gen.Elements<string?>("s1", "s2", "s3", null)
        select new KvCommand(verb, new KvEntry { Key = key, Value = TestKv.B(value), Flags = flags, ModifyIndex = (ulong)index, Session = session });

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Store_MatchesDictionaryModel() =>
        Prop.ForAll(Gen.Choose(1, 40).SelectMany(n => CommandGen.ListOf(n)).ToArbitrary(), commands =>
        {
            var store = new StateStore();
            var model = new Dictionary<string, ModelEntry>(StringComparer.Ordinal);
            ulong kvsIndex = 0, tombIndex = 0;
            ulong idx = 0;
            foreach (var id in SessionIds)
            {
                store.CreateSession(++idx, id);
            }

            foreach (var cmd in commands)
            {
                idx++;
                var expected = ModelApply(model, cmd, idx, ref kvsIndex, ref tombIndex);
                var actual = (bool)store.Apply(cmd, idx)!;
                if (expected != actual)
                {
                    return false.Label($"result of {cmd.Verb} {cmd.Entry.Key} at {idx}: model {expected}, store {actual}");
                }
            }

            var snap = store.Snapshot();
            var listed = snap.KvList("").Entries;
            if (!listed.Select(e => e.Key).SequenceEqual(model.Keys.Order(StringComparer.Ordinal)))
            {
                return false.Label("key sets differ");
            }

            foreach (var e in listed)
            {
                var m = model[e.Key];
                if (TestKv.S(e.Value) != m.Value || e.Flags != m.Flags || e.Session != m.Session
                    || e.CreateIndex != m.Create || e.ModifyIndex != m.Modify || e.LockIndex != m.LockIndex
                    || snap.KvGet(e.Key).Index != m.Modify)
                {
                    return false.Label($"entry {e.Key} differs: {e} vs {m}");
                }
            }

            var missingIndex = Math.Max(kvsIndex, tombIndex);
            return (snap.KvGet("zz").Index == missingIndex && snap.KvList("").Index == (missingIndex == 0 ? 0 : missingIndex))
                .Label($"missing-key index {snap.KvGet("zz").Index} vs {missingIndex}");
        });

    private static bool ModelApply(Dictionary<string, ModelEntry> model, KvCommand cmd, ulong idx, ref ulong kvsIndex, ref ulong tombIndex)
    {
        var e = cmd.Entry;
        var value = TestKv.S(e.Value);
        model.TryGetValue(e.Key, out var cur);
        switch (cmd.Verb)
        {
            case KvVerb.Set:
                Put(model, e.Key, cur, new ModelEntry(value, e.Flags, cur?.Session, cur?.Create ?? idx, idx, cur?.LockIndex ?? 0), ref kvsIndex);
                return true;
            case KvVerb.Cas:
                if (e.ModifyIndex == 0 ? cur is not null : cur is null || cur.Modify != e.ModifyIndex)
                {
                    return false;
                }

                Put(model, e.Key, cur, new ModelEntry(value, e.Flags, cur?.Session, cur?.Create ?? idx, idx, cur?.LockIndex ?? 0), ref kvsIndex);
                return true;
            case KvVerb.Lock:
                if (e.Session is null || (cur?.Session is not null && cur.Session != e.Session))
                {
                    return false;
                }

                var lockIndex = cur is null ? 1 : cur.Session == e.Session ? cur.LockIndex : cur.LockIndex + 1;
                Put(model, e.Key, cur, new ModelEntry(value, e.Flags, e.Session, cur?.Create ?? idx, idx, lockIndex), ref kvsIndex);
                return true;
            case KvVerb.Unlock:
                if (e.Session is null || cur is null || cur.Session != e.Session)
                {
                    return false;
                }

                Put(model, e.Key, cur, new ModelEntry(value, e.Flags, null, cur.Create, idx, cur.LockIndex), ref kvsIndex);
                return true;
            case KvVerb.Delete:
                if (cur is not null)
                {
                    model.Remove(e.Key);
                    kvsIndex = tombIndex = idx;
                }

                return true;
            case KvVerb.DeleteCas:
                if (cur is null)
                {
                    return true;
                }

                if (cur.Modify != e.ModifyIndex)
                {
                    return false;
                }

                model.Remove(e.Key);
                kvsIndex = tombIndex = idx;
                return true;
            case KvVerb.DeleteTree:
                var doomed = model.Keys.Where(k => k.StartsWith(e.Key, StringComparison.Ordinal)).ToList();
                if (doomed.Count > 0)
                {
                    doomed.ForEach(k => model.Remove(k));
                    kvsIndex = idx;
                    if (e.Key.Length > 0)
                    {
                        tombIndex = idx;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static void Put(Dictionary<string, ModelEntry> model, string key, ModelEntry? cur, ModelEntry next, ref ulong kvsIndex)
    {
        if (cur is not null && cur with { Modify = next.Modify } == next)
        {
            return; // unchanged: not rewritten
        }

        model[key] = next;
        kvsIndex = next.Modify;
    }
}
