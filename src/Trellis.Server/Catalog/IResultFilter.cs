namespace Trellis.Server.Catalog;

/// <summary>
/// The seam for Consul's <c>?filter=</c> expressions: compiles an expression for results of type
/// <typeparamref name="T"/> into a predicate. The filter language lives in Trellis.Core.Filtering; until it is wired in,
/// <see cref="UnsupportedResultFilter"/> refuses non-empty expressions.
/// </summary>
/// <remarks>Implementations are stateless or thread-safe; one instance serves all requests.</remarks>
public interface IResultFilter
{
    /// <summary>Compiles <paramref name="expression"/>; throws <see cref="Core.Errors.InvalidRequestException"/> when it is invalid.</summary>
    Func<T, bool> Compile<T>(string expression);
}
