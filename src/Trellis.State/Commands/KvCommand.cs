using Trellis.Core.Kv;
using Trellis.Core.Txn;

namespace Trellis.State.Commands;

/// <summary>
/// One KV write: <see cref="KvVerb.Set"/>, Cas, Lock, Unlock, Delete, DeleteTree or DeleteCas.
/// For Cas/DeleteCas the expected index is <c>Entry.ModifyIndex</c>; for Lock/Unlock the session is <c>Entry.Session</c>.
/// Applying it yields a <see cref="bool"/>: whether it took effect.
/// </summary>
public sealed record KvCommand(KvVerb Verb, KvEntry Entry) : Command
{
    public override CommandType Type => CommandType.Kv;
}
