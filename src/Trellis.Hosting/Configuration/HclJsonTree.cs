using System.Text.Json.Nodes;
using Trellis.Core.Hcl;

namespace Trellis.Hosting.Configuration;

/// <summary>Turns a config tree (HCL or JSON source) into a JSON tree, for the definitions decoded as JSON bodies are.</summary>
/// <remarks>Stateless; thread-safe.</remarks>
internal static class HclJsonTree
{
    public static JsonNode? ToJson(HclValue value) => value switch
    {
        HclObject o => new JsonObject(o.Entries.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        HclList l => new JsonArray(l.Items.Select(ToJson).ToArray()),
        HclScalar { Kind: HclScalarKind.String } s => JsonValue.Create(s.AsString),
        HclScalar { Kind: HclScalarKind.Int } s => JsonValue.Create(s.AsInt),
        HclScalar { Kind: HclScalarKind.Float } s => JsonValue.Create(s.AsFloat),
        HclScalar { Kind: HclScalarKind.Bool } s => JsonValue.Create(s.AsBool),
        _ => null,
    };
}
