namespace Trellis.Core.Hcl;

/// <summary>The kind of value an <see cref="HclScalar"/> holds.</summary>
public enum HclScalarKind
{
    String = 0,
    Int = 1,
    Float = 2,
    Bool = 3,
}
