namespace Trellis.Core.Filtering;

/// <summary>
/// One comparison: <c>Selector == Value</c>, <c>Value in Selector</c>, <c>Selector is empty</c>…
/// <see cref="Value"/> is the raw text (unquoted) and is null only for <c>is empty</c>/<c>is not empty</c>;
/// it is coerced to the selected field's type when the filter is created.
/// </summary>
public sealed record FilterMatchExpression(FilterSelector Selector, FilterMatchOperator Operator, string? Value)
    : FilterExpression
{
    /// <inheritdoc/>
    public override string ToString() => FilterPrinter.Print(this);
}
