using System.Collections.Immutable;

namespace Trellis.Core.Hcl;

/// <summary>A list of values (<c>[1, 2]</c>, or repeated blocks of the same name accumulated as HCL1 does).</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed class HclList : HclValue
{
    public HclList(ImmutableArray<HclValue> items, int line = 0, int column = 0)
        : base(line, column)
    {
        Items = items.IsDefault ? [] : items;
    }

    public ImmutableArray<HclValue> Items { get; }

    public int Count => Items.Length;

    public HclValue this[int index] => Items[index];

    public override string TypeName => "list";

    public override bool Equals(HclValue? other) =>
        other is HclList l && l.Items.Length == Items.Length && Items.SequenceEqual(l.Items);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Items.Length);
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
