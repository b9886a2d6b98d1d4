using Trellis.Core.Filtering;

namespace Trellis.Server.Catalog;

/// <summary>
/// The <see cref="IResultFilter"/> of Consul's go-bexpr language (Trellis.Core.Filtering): selectors are the JSON
/// field names of the result records. A bad expression is a 400 with Consul's "Failed to create boolean expression
/// evaluator: …" text (Consul answers it with a 500).
/// </summary>
/// <remarks>Stateless; thread-safe. Compiled filters are immutable and may be used from any thread.</remarks>
public sealed class BexprResultFilter : IResultFilter
{
    public static readonly BexprResultFilter Instance = new();

    public Func<T, bool> Compile<T>(string expression)
        where T : notnull
    {
        var filter = ExpressionFilter<T>.Create(expression);
        return filter.Matches;
    }
}
