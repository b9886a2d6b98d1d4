namespace Trellis.Core.Filtering;

/// <summary>How a selector was written: dotted (<c>Service.Meta["env"]</c>) or a quoted JSON pointer (<c>"/Service/Meta/env"</c>).</summary>
public enum FilterSelectorType
{
    Bexpr = 1,
    JsonPointer = 2,
}
