using System.Text.RegularExpressions;

namespace Trellis.Core.Catalog;

/// <summary>
/// Consul's node and service metadata rules (<c>structs.validateMetadata</c>): at most 64 pairs, keys of letters,
/// digits, <c>_</c> and <c>-</c> up to 128 characters, values up to 512 characters, and the <c>consul-</c> key
/// prefix reserved unless the caller allows it (prepared-query filters do).
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
public static partial class MetadataValidator
{
    private const int MaxPairs = 64;
    private const int MaxKeyLength = 128;
    private const int MaxValueLength = 512;

    /// <summary>Consul's error text for the first rule <paramref name="meta"/> breaks, or null when it is valid.</summary>
    public static string? Validate(IReadOnlyDictionary<string, string>? meta, bool allowConsulPrefix)
    {
        if (meta is null)
        {
            return null;
        }

        if (meta.Count > MaxPairs)
        {
            return $"Node metadata cannot contain more than {MaxPairs} key/value pairs";
        }

        foreach (var (key, value) in meta)
        {
            if (key.Length == 0)
            {
                return "Key cannot be blank";
            }

            if (!Key().IsMatch(key))
            {
                return "Key contains invalid characters";
            }

            if (key.Length > MaxKeyLength)
            {
                return $"Key is too long (limit: {MaxKeyLength} characters)";
            }

            if (!allowConsulPrefix && key.StartsWith("consul-", StringComparison.Ordinal))
            {
                return "Key prefix 'consul-' is reserved for internal use";
            }

            if ((value ?? "").Length > MaxValueLength)
            {
                return $"Value is too long (limit: {MaxValueLength} characters)";
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Key();
}
