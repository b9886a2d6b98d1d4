using System.Text.Json.Serialization;
using Trellis.Core.Checks;
using Trellis.Core.Services;

namespace Trellis.Agent.Local;

/// <summary>Source-generated JSON for definitions (decoding bodies and config, canonical forms) and persisted files.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceDefinition))]
[JsonSerializable(typeof(CheckDefinition))]
[JsonSerializable(typeof(PersistedService))]
[JsonSerializable(typeof(PersistedCheck))]
[JsonSerializable(typeof(PersistedCheckState))]
[JsonSerializable(typeof(AgentService))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
