using System.Text;
using Trellis.Core.Kv;
using Trellis.Core.Sessions;
using Trellis.Core.Txn;
using Trellis.State.Commands;

namespace Trellis.State.Tests;

/// <summary>Short helpers to build commands in tests.</summary>
internal static class TestKv
{
    public static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public static string S(byte[]? b) => b is null ? "<null>" : Encoding.UTF8.GetString(b);

    public static KvCommand Cmd(KvVerb verb, string key, string? value = null, ulong modifyIndex = 0, string? session = null, ulong flags = 0) =>
        new(verb, new KvEntry { Key = key, Value = value is null ? null : B(value), ModifyIndex = modifyIndex, Session = session, Flags = flags });

    public static bool Set(this StateStore store, ulong index, string key, string value, ulong flags = 0) =>
        (bool)store.Apply(Cmd(KvVerb.Set, key, value, flags: flags), index)!;

    public static bool Kv(this StateStore store, ulong index, KvVerb verb, string key, string? value = null, ulong modifyIndex = 0, string? session = null) =>
        (bool)store.Apply(Cmd(verb, key, value, modifyIndex, session), index)!;

    public static string? CreateSession(this StateStore store, ulong index, string id, string node = "node1",
        SessionBehavior behavior = SessionBehavior.Release, long lockDelayNs = 0) =>
        (string?)store.Apply(new SessionCommand(SessionOp.Create, new Session { ID = id, Node = node, Behavior = behavior, LockDelay = lockDelayNs }, 0), index);

    public static bool DestroySession(this StateStore store, ulong index, string id, long nowMs = 0) =>
        (bool)store.Apply(new SessionCommand(SessionOp.Destroy, new Session { ID = id, Node = "" }, nowMs), index)!;

    public static TxnOp Op(KvVerb verb, string key, string? value = null, ulong index = 0, string? session = null) =>
        new() { KV = new TxnKvOp { Verb = verb, Key = key, Value = value is null ? null : B(value), Index = index, Session = session } };

    public static TxnResponse Txn(this StateStore store, ulong index, params TxnOp[] ops) =>
        (TxnResponse)store.Apply(new TxnCommand(ops, 0), index)!;
}
