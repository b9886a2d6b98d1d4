namespace Trellis.Core.Filtering;

/// <summary>The kinds of field go-bexpr distinguishes when it validates and evaluates a selector.</summary>
internal enum FieldKind
{
    Unsupported = 0,
    String,
    Bool,
    Int,
    Uint,
    Float32,
    Float64,
    List,
    Map,
    OpaqueMap,
    Record,
}
