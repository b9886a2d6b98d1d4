using System.Text.Json.Serialization;
using Trellis.Agent.Members;
using Trellis.Agent.Metrics;
using Trellis.Core.Catalog;
using Trellis.Core.Kv;
using Trellis.Core.Members;
using Trellis.Core.Operator;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Services;
using Trellis.Core.Sessions;
using Trellis.Core.Txn;
using Trellis.Http.Endpoints;

namespace Trellis.Http.Json;

/// <summary>
/// Source-generated System.Text.Json metadata for every type the HTTP API reads or writes.
/// Reading is case-insensitive, as Go's encoding/json is.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<KvEntry>))]
[JsonSerializable(typeof(IReadOnlyList<Session>))]
[JsonSerializable(typeof(IReadOnlyList<TxnOp>))]
[JsonSerializable(typeof(TxnResponse))]
[JsonSerializable(typeof(SessionCreateResponse))]
[JsonSerializable(typeof(RaftConfiguration))]
[JsonSerializable(typeof(AutopilotConfiguration))]
[JsonSerializable(typeof(AutopilotHealth))]
[JsonSerializable(typeof(AutopilotState))]
[JsonSerializable(typeof(Trellis.Agent.Host.HostInfo))]
[JsonSerializable(typeof(Trellis.Core.Events.UserEvent))]
[JsonSerializable(typeof(IReadOnlyList<Trellis.Core.Events.UserEvent>))]
[JsonSerializable(typeof(IReadOnlyList<Member>))]
[JsonSerializable(typeof(AgentSelfResponse))]
[JsonSerializable(typeof(MetricsSnapshot))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(DeregisterRequest))]
[JsonSerializable(typeof(IReadOnlyList<CatalogNode>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyList<string>>))]
[JsonSerializable(typeof(IReadOnlyList<ServiceNode>))]
[JsonSerializable(typeof(NodeServiceMap))]
[JsonSerializable(typeof(NodeServiceList))]
[JsonSerializable(typeof(IReadOnlyList<HealthCheck>))]
[JsonSerializable(typeof(IReadOnlyList<ServiceEntry>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, AgentService>))]
[JsonSerializable(typeof(AgentService))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, HealthCheck>))]
[JsonSerializable(typeof(AgentServiceChecksInfo))]
[JsonSerializable(typeof(IReadOnlyList<AgentServiceChecksInfo>))]
[JsonSerializable(typeof(CheckUpdate))]
[JsonSerializable(typeof(IReadOnlyList<ServiceSummary>))]
[JsonSerializable(typeof(IReadOnlyList<NodeInfo>))]
[JsonSerializable(typeof(PreparedQuery))]
[JsonSerializable(typeof(IReadOnlyList<PreparedQuery>))]
[JsonSerializable(typeof(PreparedQueryIdResponse))]
[JsonSerializable(typeof(PreparedQueryExecuteResponse))]
[JsonSerializable(typeof(PreparedQueryExplainResponse))]
public sealed partial class TrellisJsonContext : JsonSerializerContext;
