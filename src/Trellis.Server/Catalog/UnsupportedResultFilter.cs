using Trellis.Core.Errors;

namespace Trellis.Server.Catalog;

/// <summary>The <see cref="IResultFilter"/> used until the filter language is wired in: any expression is a 400.</summary>
/// <remarks>Stateless; thread-safe.</remarks>
public sealed class UnsupportedResultFilter : IResultFilter
{
    public static readonly UnsupportedResultFilter Instance = new();

    public Func<T, bool> Compile<T>(string expression) =>
        throw new InvalidRequestException("Failed to create boolean expression evaluator: filter expressions are not supported yet");
}
