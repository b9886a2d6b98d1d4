using Trellis.Core.Filtering;

namespace Trellis.Server.Catalog;

/// <summary>
/// The <see cref="IResultFilter"/> of Consul's <c>?filter=</c> language (Trellis.Core.Filtering): selectors name the
/// result record's JSON fields; a bad expression is Consul's "Failed to create boolean expression evaluator" 400.
/// </summary>
/// <remarks>Stateless; thread-safe. Each call parses and compiles once; the predicate is immutable.</remarks>
public sealed class ExpressionResultFilter : IResultFilter
{
    public static readonly ExpressionResultFilter Instance = new();

    public Func<T, bool> Compile<T>(string expression)
    {
        // Results are records, never null; the seam's T is unconstrained, ExpressionFilter's is notnull.
#pragma warning disable CS8714
        var filter = ExpressionFilter<T>.Create(expression);
        return item => item is not null && filter.Matches(item);
#pragma warning restore CS8714
    }
}
