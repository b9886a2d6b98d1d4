namespace Trellis.Core.Filtering;

/// <summary><c>left and right</c> or <c>left or right</c>.</summary>
public sealed record FilterBinaryExpression(FilterBinaryOperator Operator, FilterExpression Left, FilterExpression Right)
    : FilterExpression
{
    /// <inheritdoc/>
    public override string ToString() => FilterPrinter.Print(this);
}
