using System.Collections.Immutable;
using Trellis.Core.Sessions;

namespace Trellis.State.Tables;

/// <summary>The session table: create, destroy (releasing or deleting its locks) and lock delays.</summary>
internal sealed partial class StoreWriter
{
    private const long NanosecondsPerMillisecond = 1_000_000;

    /// <summary>Stores a new session at this index. False when a session with its ID already exists.</summary>
    public bool SessionCreate(Session session)
    {
        if (string.IsNullOrEmpty(session.ID) || Sessions.ContainsKey(session.ID))
        {
            return false;
        }

        var stored = session with { CreateIndex = Index, ModifyIndex = Index };
        Sessions = Sessions.Add(stored.ID, stored);
        var ids = SessionsByNode.TryGetValue(stored.Node, out var set) ? set : ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
        SessionsByNode = SessionsByNode.SetItem(stored.Node, ids.Add(stored.ID));
        SessionsIndex = Math.Max(SessionsIndex, Index);
        Changes.Tables.Add(SessionsTable);
        return true;
    }

    /// <summary>
    /// Removes a session and, per its behavior, releases or deletes every key it held locked, starting the lock delay
    /// on each of them from <paramref name="nowUnixMilliseconds"/>. False when the session does not exist.
    /// </summary>
    public bool SessionDestroy(string id, long nowUnixMilliseconds)
    {
        if (!Sessions.TryGetValue(id, out var session))
        {
            return false;
        }

        PruneLockDelays(nowUnixMilliseconds);
        Sessions = Sessions.Remove(id);
        if (SessionsByNode.TryGetValue(session.Node, out var ids))
        {
            ids = ids.Remove(id);
            SessionsByNode = ids.IsEmpty ? SessionsByNode.Remove(session.Node) : SessionsByNode.SetItem(session.Node, ids);
        }

        SessionsIndex = Math.Max(SessionsIndex, Index);
        Changes.Tables.Add(SessionsTable);
        DeleteSessionQueries(id);

        if (!KeysBySession.TryGetValue(id, out var held))
        {
            return true;
        }

        foreach (var key in held)
        {
            if (GetKv(key) is not { } entry || entry.Session != id)
            {
                continue;
            }

            if (session.Behavior == SessionBehavior.Delete)
            {
                KvDelete(key);
            }
            else
            {
                PutKv(entry, entry with { Session = null, ModifyIndex = Index });
            }

            if (session.LockDelay > 0)
            {
                var until = nowUnixMilliseconds + (session.LockDelay / NanosecondsPerMillisecond);
                LockDelays = LockDelays.SetItem(key, until);
            }
        }

        KeysBySession = KeysBySession.Remove(id);
        return true;
    }

    /// <summary>Drops lock delays that have ended by <paramref name="nowUnixMilliseconds"/> (the command's clock).</summary>
    private void PruneLockDelays(long nowUnixMilliseconds)
    {
        if (LockDelays.IsEmpty)
        {
            return;
        }

        var expired = LockDelays.Where(kv => kv.Value <= nowUnixMilliseconds).Select(kv => kv.Key).ToList();
        if (expired.Count > 0)
        {
            LockDelays = LockDelays.RemoveRange(expired);
        }
    }
}
