using System.Globalization;
using System.Text;
using Trellis.Http.Requests;

namespace Trellis.Http.Endpoints;

/// <summary>Go's wording for a few parse errors and encodings that Consul lets reach the client.</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
internal static class GoText
{
    /// <summary>Parses like Go's strconv.ParseUint(s, 10, 64), failing with its error text (Consul answers 500 with it).</summary>
    public static ulong ParseUint(string text)
    {
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var reason = text.Length > 0 && text.All(char.IsAsciiDigit) ? "value out of range" : "invalid syntax";
        // Consul compat: a bad number in flags/cas is a 500 with Go's message.
        throw new InvalidOperationException($"strconv.ParseUint: parsing \"{text}\": {reason}");
    }

    /// <summary>Go's url.Values.Encode: keys sorted, every value, query-escaped.</summary>
    public static string EncodeQuery(ApiRequest request)
    {
        var text = new StringBuilder();
        foreach (var (key, values) in request.Context.Request.Query.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            foreach (var value in values.Count == 0 ? [""] : values.ToArray())
            {
                if (text.Length > 0)
                {
                    text.Append('&');
                }

                text.Append(QueryEscape(key)).Append('=').Append(QueryEscape(value ?? ""));
            }
        }

        return text.ToString();
    }

    private static string QueryEscape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
