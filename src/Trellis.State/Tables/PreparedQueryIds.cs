using System.Text.RegularExpressions;

namespace Trellis.State.Tables;

/// <summary>Consul's test for whether a query ID-or-name looks like a UUID (and so is tried as an ID first).</summary>
/// <remarks>Stateless; thread-safe.</remarks>
internal static partial class PreparedQueryIds
{
    public static bool IsUuid(string? value) => value is { Length: 36 } && Uuid().IsMatch(value);

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Uuid();
}
