namespace Trellis.State.Tables;

/// <summary>One service instance: the node it runs on and its ID there. Sorted by node, then ID (Consul's order).</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
internal readonly record struct ServiceKey(string Node, string ID) : IComparable<ServiceKey>
{
    public static readonly IComparer<ServiceKey> Order = Comparer<ServiceKey>.Default;

    public int CompareTo(ServiceKey other)
    {
        var byNode = CatalogKey.Comparer.Compare(Node, other.Node);
        return byNode != 0 ? byNode : CatalogKey.Comparer.Compare(ID, other.ID);
    }
}
