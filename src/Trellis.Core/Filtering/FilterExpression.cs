namespace Trellis.Core.Filtering;

/// <summary>
/// A node of a parsed <c>?filter=</c> expression (the language of hashicorp/go-bexpr): a match, a <c>not</c>, or an
/// <c>and</c>/<c>or</c> of two expressions. Produced by <see cref="FilterParser"/>, printed by <see cref="FilterPrinter"/>.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public abstract record FilterExpression
{
    private protected FilterExpression() { }

    /// <inheritdoc/>
    public override string ToString() => FilterPrinter.Print(this);
}
