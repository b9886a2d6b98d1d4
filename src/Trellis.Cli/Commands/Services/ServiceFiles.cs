using System.Text.Json;
using System.Text.Json.Nodes;
using Trellis.Api.Agent;
using Trellis.Api.Serialization;
using Trellis.Core.Hcl;
using Trellis.Hosting.Configuration;

namespace Trellis.Cli.Commands.Services;

/// <summary>
/// Reads service definitions from agent configuration files (HCL or JSON), as <c>consul services register</c> does:
/// the files are loaded and checked as a dev-mode agent configuration, then every <c>service</c> block and
/// <c>services</c> entry becomes an <see cref="AgentServiceRegistration"/>. Keys may be snake_case or CamelCase.
/// </summary>
/// <remarks>Stateless; safe from any thread. Reads files synchronously.</remarks>
public static class ServiceFiles
{
    /// <summary>Objects whose keys are user data (kept as written) rather than field names.</summary>
    private static readonly HashSet<string> MapFields = new(StringComparer.Ordinal)
    {
        "meta", "header", "config", "nodemeta",
    };

    /// <summary>The services the files define, in file order; throws <see cref="ConfigException"/> on bad files.</summary>
    public static IReadOnlyList<AgentServiceRegistration> Read(IReadOnlyList<string> paths)
    {
        var sources = paths.SelectMany(ConfigLoader.ReadPath).ToList();
        // Consul compat: the files must also be a valid (dev-mode) agent configuration.
        ConfigLoader.Build(sources, devMode: true);
        var result = new List<AgentServiceRegistration>();
        foreach (var source in sources)
        {
            var root = source.Parse();
            foreach (var key in new[] { "service", "services" })
            {
                if (!root.TryGetValue(key, out var value))
                {
                    continue;
                }

                IEnumerable<HclValue> blocks = value is HclList list ? list.Items : [value];
                foreach (var block in blocks)
                {
                    if (block is not HclObject service)
                    {
                        throw new ConfigException($"{source.Name}: {key} must be an object, got {block.TypeName}", source.Name, block.Line, key);
                    }

                    result.Add(Decode(service, source.Name));
                }
            }
        }

        return result;
    }

    /// <summary>One service block as a registration.</summary>
    public static AgentServiceRegistration Decode(HclObject service, string sourceName)
    {
        var json = ToJson(service, Keys.Fields);
        try
        {
            return JsonSerializer.Deserialize(json, AgentJsonContext.Default.AgentServiceRegistration)
                   ?? throw new ConfigException($"{sourceName}: empty service definition");
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"{sourceName}: invalid service definition at line {service.Line}: {ex.Message}", ex);
        }
    }

    private enum Keys
    {
        /// <summary>Field names: underscores dropped, matched case-insensitively.</summary>
        Fields,

        /// <summary>User data: keys and values kept as written.</summary>
        Raw,

        /// <summary>User keys whose values are objects with field names (tagged_addresses).</summary>
        RawKeysOfFields,
    }

    private static JsonNode? ToJson(HclValue value, Keys keys)
    {
        switch (value)
        {
            case HclObject obj:
            {
                var node = new JsonObject();
                foreach (var (key, child) in obj.Entries)
                {
                    if (keys != Keys.Fields)
                    {
                        node[key] = ToJson(child, keys == Keys.Raw ? Keys.Raw : Keys.Fields);
                        continue;
                    }

                    var name = key.Replace("_", "", StringComparison.Ordinal);
                    var lower = name.ToLowerInvariant();
                    node[name] = ToJson(child, lower == "taggedaddresses" ? Keys.RawKeysOfFields
                        : MapFields.Contains(lower) ? Keys.Raw : Keys.Fields);
                }

                return node;
            }

            case HclList list:
                return new JsonArray(list.Items.Select(i => ToJson(i, keys)).ToArray());
            case HclScalar scalar:
                return scalar.Kind switch
                {
                    HclScalarKind.String => JsonValue.Create(scalar.AsString),
                    HclScalarKind.Int => JsonValue.Create(scalar.AsInt),
                    HclScalarKind.Float => JsonValue.Create(scalar.AsFloat),
                    _ => JsonValue.Create(scalar.AsBool),
                };
            default:
                return null;
        }
    }
}
