namespace Trellis.State.Commands;

/// <summary>
/// Stable numeric ids of replicated commands, written into the Raft log.
/// Append only: never renumber or reuse a value (pinned by a test).
/// </summary>
public enum CommandType : ushort
{
    Kv = 1,
    Session = 2,
    Txn = 3,
    TombstoneReap = 4,
    Restore = 5,
    CatalogRegister = 6,
    CatalogDeregister = 7,
    PreparedQuery = 9,
    AutopilotConfig = 10,
}
