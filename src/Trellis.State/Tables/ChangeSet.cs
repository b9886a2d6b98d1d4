namespace Trellis.State.Tables;

/// <summary>What one command touched: the keys written or deleted and the tables changed. Drives watch notification.</summary>
/// <remarks>Owned by the writer thread while a command is applied.</remarks>
internal sealed class ChangeSet
{
    public List<string> Keys { get; } = [];

    public HashSet<string> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>Catalog nodes whose record, services or checks changed (normalized names).</summary>
    public HashSet<string> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Service names whose health view changed (normalized names).</summary>
    public HashSet<string> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>Set by a restore: every watch must fire.</summary>
    public bool Everything { get; set; }
}
