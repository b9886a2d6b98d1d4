using Trellis.Core.Kv;
using Trellis.Core.Txn;
using Trellis.State.Tables;

namespace Trellis.State.Commands;

/// <summary>Dispatches a command to the table operations on a working copy of the store.</summary>
/// <remarks>Stateless; called on the FSM thread.</remarks>
internal static class CommandApplier
{
    /// <summary>Applies <paramref name="command"/>; returns its result and whether the working copy is to be published.</summary>
    public static (object? Result, bool Keep) Apply(StoreWriter writer, Command command) => command switch
    {
        KvCommand kv => (ApplyKv(writer, kv), true),
        SessionCommand { Op: SessionOp.Create } s => (writer.SessionCreate(s.Session) ? s.Session.ID : null, true),
        SessionCommand { Op: SessionOp.Destroy } s => (writer.SessionDestroy(s.Session.ID, s.NowUnixMilliseconds), true),
        SessionCommand => (null, false),
        TxnCommand txn => ApplyTxn(writer, txn),
        TombstoneReapCommand reap => (Reap(writer, reap.ReapIndex), true),
        CatalogRegisterCommand register => Register(writer, register),
        CatalogDeregisterCommand deregister => Deregister(writer, deregister),
        PreparedQueryCommand query => ApplyPreparedQuery(writer, query),
        AutopilotConfigCommand autopilot => (writer.AutopilotSet(autopilot.Configuration, autopilot.Cas), true),
        _ => (null, false),
    };

    private static bool ApplyKv(StoreWriter writer, KvCommand command)
    {
        var e = command.Entry;
        switch (command.Verb)
        {
            case KvVerb.Set:
                writer.KvSet(e);
                return true;
            case KvVerb.Cas:
                return writer.KvCas(e) is not null;
            case KvVerb.Lock:
                return writer.KvLock(e).Entry is not null;
            case KvVerb.Unlock:
                return writer.KvUnlock(e).Entry is not null;
            case KvVerb.Delete:
                writer.KvDelete(e.Key);
                return true;
            case KvVerb.DeleteTree:
                writer.KvDeleteTree(e.Key);
                return true;
            case KvVerb.DeleteCas:
                return writer.KvDeleteCas(e.Key, e.ModifyIndex);
            default:
                return false;
        }
    }

    private static (object? Result, bool Keep) ApplyTxn(StoreWriter writer, TxnCommand command)
    {
        var response = writer.RunTxn(command.Operations, readOnly: false, command.NowUnixMilliseconds);
        return (response, response.Errors is null);
    }

    private static (object? Result, bool Keep) Register(StoreWriter writer, CatalogRegisterCommand command)
    {
        var error = writer.CatalogRegister(command.Request, command.NowUnixMilliseconds);
        return (error, error is null);
    }

    private static (object? Result, bool Keep) Deregister(StoreWriter writer, CatalogDeregisterCommand command)
    {
        writer.CatalogDeregister(command.Request, command.NowUnixMilliseconds);
        return (null, true);
    }

    private static (object? Result, bool Keep) ApplyPreparedQuery(StoreWriter writer, PreparedQueryCommand command)
    {
        var error = writer.PreparedQueryApply(command.Op, command.Query);
        return (error, error is null);
    }

    private static object? Reap(StoreWriter writer, ulong reapIndex)
    {
        writer.ReapTombstones(reapIndex);
        return null;
    }
}
