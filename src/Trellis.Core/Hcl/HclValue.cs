namespace Trellis.Core.Hcl;

/// <summary>
/// A node of a parsed configuration tree (HCL or JSON). <see cref="Line"/> and <see cref="Column"/> (1-based)
/// say where the node starts in its source; they take no part in equality, so trees parsed from differently
/// formatted texts compare equal when their content is.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public abstract class HclValue : IEquatable<HclValue>
{
    private protected HclValue(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Short type name for error messages ("string", "int", "float", "bool", "list", "object").</summary>
    public abstract string TypeName { get; }

    public abstract bool Equals(HclValue? other);

    public override bool Equals(object? obj) => obj is HclValue other && Equals(other);

    public abstract override int GetHashCode();

    public override string ToString() => HclPrinter.PrintValue(this);
}
