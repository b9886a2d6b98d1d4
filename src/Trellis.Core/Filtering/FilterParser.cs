using Trellis.Core.Errors;

namespace Trellis.Core.Filtering;

/// <summary>
/// Parses the <c>?filter=</c> language of go-bexpr into a <see cref="FilterExpression"/> tree.
/// </summary>
/// <remarks>
/// <para>
/// The parser follows go-bexpr's PEG grammar rule by rule, with the same ordered choices and backtracking, and
/// tracks the farthest failure the way the pigeon parser generator does, so a syntax error names the same
/// position (<c>line:column (byte offset)</c>) and the same sorted list of expected tokens as Consul.
/// </para>
/// <para>Each call works on its own state; safe to call from any thread.</para>
/// </remarks>
public static class FilterParser
{
    /// <summary>The prefix Consul puts before every error of filter creation.</summary>
    public const string ErrorPrefix = "Failed to create boolean expression evaluator: ";

    /// <summary>Parses <paramref name="expression"/>.</summary>
    /// <exception cref="InvalidRequestException">The expression is not valid; the message is Consul's.</exception>
    public static FilterExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var state = new FilterParserState(expression);
        if (state.TryParse(out var result, out var error))
        {
            return result!;
        }

        throw new InvalidRequestException(ErrorPrefix + error);
    }
}
