using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;


namespace Trellis.Http.Json;

/// <summary>The compact and the indented (<c>?pretty</c>, 4 spaces like Go's MarshalIndent) JSON contexts.</summary>
/// <remarks>Immutable after type initialization; safe from any thread.</remarks>
internal static class JsonFormats
{
    public static readonly TrellisJsonContext Compact = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
    });

    public static readonly TrellisJsonContext Pretty = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
        IndentSize = 4,
    });

    /// <summary>
    /// Reading request bodies whose records mark fields <c>required</c> for our own code while Consul treats them as
    /// optional and fills defaults (a service without ID, a check without CheckID): nothing is required on decode.
    /// </summary>
    public static readonly JsonSerializerOptions Lenient = new()
    {
        PropertyNameCaseInsensitive = true,
        TypeInfoResolver = new TrellisJsonContext(new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            .WithAddedModifier(static info =>
            {
                foreach (var property in info.Properties)
                {
                    property.IsRequired = false;
                }
            }),
    };

    /// <summary>The type info for <typeparamref name="T"/> in the compact or indented context.</summary>
    public static JsonTypeInfo<T> For<T>(bool pretty) =>
        (JsonTypeInfo<T>)(pretty ? Pretty : Compact).GetTypeInfo(typeof(T))!;
}
