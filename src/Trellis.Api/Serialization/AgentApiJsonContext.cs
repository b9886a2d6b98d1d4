using Trellis.Core.Events;
using System.Text.Json.Serialization;
using Trellis.Api.Events;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Services;

namespace Trellis.Api.Serialization;

/// <summary>
/// Source-generated JSON for the bodies the client sends to the local agent (service and check registration,
/// check updates) and the agent's local reads. Null members are omitted so that the agent applies its defaults,
/// as Consul's <c>omitempty</c> does.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceDefinition))]
[JsonSerializable(typeof(CheckDefinition))]
[JsonSerializable(typeof(CheckUpdate))]
[JsonSerializable(typeof(AgentService))]
[JsonSerializable(typeof(Dictionary<string, AgentService>))]
[JsonSerializable(typeof(Dictionary<string, HealthCheck>))]
[JsonSerializable(typeof(AgentServiceChecksInfo))]
[JsonSerializable(typeof(List<AgentServiceChecksInfo>))]
[JsonSerializable(typeof(List<UserEvent>))]
[JsonSerializable(typeof(UserEvent))]
public sealed partial class AgentApiJsonContext : JsonSerializerContext;
