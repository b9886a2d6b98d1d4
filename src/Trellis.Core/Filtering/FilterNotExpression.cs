namespace Trellis.Core.Filtering;

/// <summary><c>not operand</c>. The parser folds <c>not not x</c> into <c>x</c> as go-bexpr does.</summary>
public sealed record FilterNotExpression(FilterExpression Operand) : FilterExpression
{
    /// <inheritdoc/>
    public override string ToString() => FilterPrinter.Print(this);
}
