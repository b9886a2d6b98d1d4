namespace Trellis.Core.Filtering;

/// <summary>The logical operator of a <see cref="FilterBinaryExpression"/>.</summary>
public enum FilterBinaryOperator
{
    And = 0,
    Or = 1,
}
