using Trellis.Core.Errors;

namespace Trellis.Server.Catalog;

/// <summary>An <see cref="IResultFilter"/> that refuses every expression with a 400 (for hosts that disable filtering).</summary>
/// <remarks>Stateless; thread-safe.</remarks>
public sealed class UnsupportedResultFilter : IResultFilter
{
    public static readonly UnsupportedResultFilter Instance = new();

    public Func<T, bool> Compile<T>(string expression) =>
        throw new InvalidRequestException("Failed to create boolean expression evaluator: filter expressions are not supported yet");
}
