namespace Trellis.Core.Filtering;

/// <summary>
/// The operator of a <see cref="FilterMatchExpression"/>. <c>contains</c> parses to <see cref="In"/> and
/// <c>not contains</c> to <see cref="NotIn"/>, as in go-bexpr (both mean "the selected value holds the given one").
/// </summary>
public enum FilterMatchOperator
{
    Equal = 0,
    NotEqual = 1,
    In = 2,
    NotIn = 3,
    IsEmpty = 4,
    IsNotEmpty = 5,
    Matches = 6,
    NotMatches = 7,
}
