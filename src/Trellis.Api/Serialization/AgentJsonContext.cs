using System.Text.Json.Serialization;
using Trellis.Api.Agent;
using Trellis.Api.Events;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;

namespace Trellis.Api.Serialization;

/// <summary>
/// Source-generated JSON for the bodies the client sends to the local agent (service and check registration,
/// check updates) and the agent's local reads. Null members are omitted so that the agent applies its defaults,
/// as Consul's <c>omitempty</c> does.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgentServiceRegistration))]
[JsonSerializable(typeof(CheckDefinition))]
[JsonSerializable(typeof(CheckUpdateRequest))]
[JsonSerializable(typeof(NodeService))]
[JsonSerializable(typeof(Dictionary<string, NodeService>))]
[JsonSerializable(typeof(Dictionary<string, HealthCheck>))]
[JsonSerializable(typeof(AgentServiceChecksInfo))]
[JsonSerializable(typeof(List<AgentServiceChecksInfo>))]
[JsonSerializable(typeof(List<UserEvent>))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
