using System.Text.Json;
using System.Text.Json.Nodes;
using Trellis.Core.Checks;
using Trellis.Core.Errors;
using Trellis.Core.Formats;
using Trellis.Core.Services;

namespace Trellis.Agent.Local;

/// <summary>
/// Reads service and check definitions from JSON the way Consul's agent does: keys in any case, with or without
/// underscores (<c>deregister_critical_service_after</c>, <c>DeregisterCriticalServiceAfter</c>), <c>script_args</c> as
/// an alias of <c>args</c>, durations as Go strings or as integer nanoseconds, and a block given as a one-element list
/// (HCL's shape) taken as the block. Map-valued fields (<c>meta</c>, <c>header</c>, <c>tagged_addresses</c>) keep their keys.
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
public static class DefinitionJson
{
    private static readonly HashSet<string> Maps = new(StringComparer.Ordinal) { "meta", "header", "nodemeta" };
    private static readonly HashSet<string> Lists = new(StringComparer.Ordinal) { "checks", "services", "args", "tags" };
    private static readonly HashSet<string> Durations = new(StringComparer.Ordinal)
    {
        "interval", "timeout", "ttl", "deregistercriticalserviceafter",
    };

    /// <summary>Decodes a service definition; malformed input is Consul's 400 "Request decode failed: …".</summary>
    public static ServiceDefinition DecodeService(ReadOnlySpan<byte> body) => Decode(Parse(body), AgentJsonContext.Default.ServiceDefinition);

    /// <summary>Decodes a check definition; malformed input is Consul's 400 "Request decode failed: …".</summary>
    public static CheckDefinition DecodeCheck(ReadOnlySpan<byte> body) => Decode(Parse(body), AgentJsonContext.Default.CheckDefinition);

    /// <summary>Decodes a service definition from an already built tree (a config file's <c>service</c> block).</summary>
    public static ServiceDefinition DecodeService(JsonNode node) => Decode(node, AgentJsonContext.Default.ServiceDefinition);

    /// <summary>Decodes a check definition from an already built tree (a config file's <c>check</c> block).</summary>
    public static CheckDefinition DecodeCheck(JsonNode node) => Decode(node, AgentJsonContext.Default.CheckDefinition);

    /// <summary>A stable text of a definition, for telling whether a reloaded definition changed.</summary>
    public static string Canonical(ServiceDefinition definition) => JsonSerializer.Serialize(definition, AgentJsonContext.Default.ServiceDefinition);

    /// <summary>A stable text of a check definition.</summary>
    public static string Canonical(CheckDefinition definition) => JsonSerializer.Serialize(definition, AgentJsonContext.Default.CheckDefinition);

    /// <summary>
    /// The <c>ContentHash</c> of a local service (<c>X-Consul-ContentHash</c>): 16 hex digits over its JSON, as
    /// Consul's 64-bit structure hash is; equal services give equal hashes.
    /// </summary>
    public static string ContentHash(AgentService service)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(service with { ContentHash = null }, AgentJsonContext.Default.AgentService);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 8));
    }

    private static JsonNode Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new InvalidRequestException("Request decode failed: EOF");
        }

        try
        {
            return JsonNode.Parse(body) ?? throw new InvalidRequestException("Request decode failed: body is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException("Request decode failed: " + ex.Message, ex);
        }
    }

    private static T Decode<T>(JsonNode node, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        if (node is not JsonObject)
        {
            throw new InvalidRequestException($"Request decode failed: json: cannot unmarshal {Kind(node)} into Go value of type structs.{typeof(T).Name}");
        }

        try
        {
            var normalized = Normalize(node, key: null);
            return normalized.Deserialize(info) ?? throw new InvalidRequestException("Request decode failed: body is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException("Request decode failed: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidRequestException("Request decode failed: " + ex.Message, ex);
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        JsonArray => "array",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => "number",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };

    private static JsonNode? Normalize(JsonNode? node, string? key)
    {
        switch (node)
        {
            case JsonObject obj:
                {
                    var result = new JsonObject();
                    foreach (var (name, value) in obj)
                    {
                        var k = name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
                        if (k == "scriptargs")
                        {
                            k = "args";
                        }

                        JsonNode? child;
                        if (Maps.Contains(k))
                        {
                            child = Unwrap(value, k)?.DeepClone();
                        }
                        else if (k == "taggedaddresses")
                        {
                            child = Unwrap(value, k) is JsonObject tagged
                                ? new JsonObject(tagged.Select(kv => KeyValuePair.Create(kv.Key, Normalize(kv.Value, null))))
                                : value?.DeepClone();
                        }
                        else
                        {
                            child = Normalize(Unwrap(value, k), k);
                        }

                        if (Durations.Contains(k) && child is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var ns))
                        {
                            child = JsonValue.Create(GoDuration.Format(TimeSpan.FromTicks(ns / 100)));
                        }

                        // Later keys win, as in Go's decoder.
                        result[k] = child;
                    }

                    return result;
                }

            case JsonArray array:
                return new JsonArray(array.Select(i => Normalize(i, key)).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>HCL gives a block as a list of one object; such a value stands for the object itself.</summary>
    private static JsonNode? Unwrap(JsonNode? value, string key) =>
        !Lists.Contains(key) && value is JsonArray { Count: 1 } a && a[0] is JsonObject o ? o : value;
}
